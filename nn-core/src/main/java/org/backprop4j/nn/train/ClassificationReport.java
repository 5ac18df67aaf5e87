package org.backprop4j.nn.train;

/**
 * The quality of a classifier's predicted classes against the true ones: a confusion matrix
 * accumulated over rows as they are predicted (memory does not grow with the number of rows),
 * and from it scikit-learn's {@code classification_report} figures. Classes are indices
 * {@code 0..classes-1}; the caller maps them to its labels.
 *
 * <p>For class {@code c}, with {@code C[t][p]} the rows of true class {@code t} predicted as
 * {@code p}: {@code tp = C[c][c]}, support {@code s_c = sum_p C[c][p]} (its true rows), predicted
 * {@code q_c = sum_t C[t][c]}, and
 * <ul>
 *   <li>precision {@code tp / q_c}; a class never predicted ({@code q_c = 0}) has precision 0, as
 *       scikit-learn's {@code zero_division=0} (its default gives 0 with a warning);</li>
 *   <li>recall {@code tp / s_c}; 0 for a class with no true rows;</li>
 *   <li>F1 {@code 2 tp / (s_c + q_c)}, the harmonic mean of precision and recall, 0 when both are 0;</li>
 *   <li>accuracy {@code sum_c C[c][c] / rows}.</li>
 * </ul>
 * The averages are over the classes that occur, as true or predicted class, in the rows added
 * ({@link #occurs}): scikit-learn's default, which reports the labels of {@code y_true} and
 * {@code y_pred} only. The macro average is their plain mean; the weighted average weighs each
 * by its support. Not thread-safe.
 */
public final class ClassificationReport {
    /** A per-class figure of the report. */
    public enum Score {
        PRECISION("precision"), RECALL("recall"), F1("f1-score");

        private final String id;

        Score(String id) {
            this.id = id;
        }

        /** The name scikit-learn's report gives the column: {@code precision}, {@code recall}, {@code f1-score}. */
        public String id() {
            return id;
        }
    }

    private final int classes;
    private final long[][] confusion;
    private long rows;

    /**
     * An empty report of {@code classes} classes.
     *
     * @throws IllegalArgumentException when {@code classes < 2}
     */
    public ClassificationReport(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes (" + classes + ") must be >= 2");
        }
        this.classes = classes;
        this.confusion = new long[classes][classes];
    }

    /**
     * Adds rows: row {@code i} is of class {@code truth[i]} and was predicted as {@code predicted[i]}.
     *
     * @param truth     class indices; not modified
     * @param predicted class indices, as many; not modified
     * @throws IllegalArgumentException when the lengths differ or an index is not a class; no row is then added
     */
    public void add(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true classes for " + predicted.length
                    + " predicted ones; expected one of each per row");
        }
        for (int i = 0; i < truth.length; i++) {
            checkClass("true class", truth[i]);
            checkClass("predicted class", predicted[i]);
        }
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        rows += truth.length;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /** {@code C[t][p]}: the rows of true class {@code t} predicted as {@code p}. */
    public long count(int truth, int predicted) {
        checkClass("true class", truth);
        checkClass("predicted class", predicted);
        return confusion[truth][predicted];
    }

    /** The confusion matrix, {@code [true][predicted]}; a copy. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[classes][];
        for (int t = 0; t < classes; t++) {
            copy[t] = confusion[t].clone();
        }
        return copy;
    }

    /** The rows whose true class is {@code c}. */
    public long support(int c) {
        checkClass("class", c);
        long s = 0;
        for (int p = 0; p < classes; p++) {
            s += confusion[c][p];
        }
        return s;
    }

    /** The rows predicted as class {@code c}. */
    public long predicted(int c) {
        checkClass("class", c);
        long q = 0;
        for (int t = 0; t < classes; t++) {
            q += confusion[t][c];
        }
        return q;
    }

    /** Whether class {@code c} is the true or the predicted class of some row: it counts in the averages. */
    public boolean occurs(int c) {
        return support(c) > 0 || predicted(c) > 0;
    }

    /**
     * The fraction of rows predicted right.
     *
     * @throws IllegalStateException when no rows were added
     */
    public double accuracy() {
        checkRows();
        long right = 0;
        for (int c = 0; c < classes; c++) {
            right += confusion[c][c];
        }
        return (double) right / rows;
    }

    /**
     * Class {@code c}'s precision, recall or F1, as the class description defines them (0 where
     * the ratio is 0/0).
     *
     * @throws IllegalStateException when no rows were added
     */
    public double score(Score score, int c) {
        checkRows();
        long tp = count(c, c);
        long denominator = switch (score) {
            case PRECISION -> predicted(c);
            case RECALL -> support(c);
            case F1 -> support(c) + predicted(c);
        };
        long numerator = score == Score.F1 ? 2 * tp : tp;
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /**
     * The mean of {@link #score} over the classes that {@link #occurs occur}.
     *
     * @throws IllegalStateException when no rows were added
     */
    public double macroAverage(Score score) {
        checkRows();
        double sum = 0;
        int n = 0;
        for (int c = 0; c < classes; c++) {
            if (occurs(c)) {
                sum += score(score, c);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * The mean of {@link #score} weighted by {@link #support} (classes with no true rows weigh 0).
     *
     * @throws IllegalStateException when no rows were added
     */
    public double weightedAverage(Score score) {
        checkRows();
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += score(score, c) * support(c);
        }
        return sum / rows;
    }

    private void checkRows() {
        if (rows == 0) {
            throw new IllegalStateException("no rows were added; the metrics of no rows are undefined");
        }
    }

    private void checkClass(String what, int c) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(what + " " + c + " is not a class; expected 0 to " + (classes - 1));
        }
    }
}
