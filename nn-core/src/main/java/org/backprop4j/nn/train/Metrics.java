package org.backprop4j.nn.train;

/**
 * Quality measures of predictions against targets, both row-major {@code [rows, width]} arrays
 * of the same length. Sums are taken in double.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Mean squared error over all elements: {@code sum_i (p_i - t_i)^2 / n}.
     *
     * @throws IllegalArgumentException for arrays of different or zero length
     */
    public static double mse(double[] predictions, double[] targets) {
        checkSameLength(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double d = predictions[i] - targets[i];
            sum += d * d;
        }
        return sum / predictions.length;
    }

    /**
     * The coefficient of determination, averaged over the {@code width} output columns with
     * equal weights (scikit-learn's {@code r2_score}, {@code multioutput="uniform_average"}):
     * for column {@code j}, {@code R^2_j = 1 - sum_i (p_ij - t_ij)^2 / sum_i (t_ij - mean_j)^2}.
     * 1 is perfect, 0 is as good as predicting the mean, below 0 is worse, without bound (a
     * diverged model scores -1e40). A column whose targets are all equal has no R^2: its spread
     * is 0, so the ratio is 0/0 or x/0. The result is then NaN (scikit-learn's
     * {@code force_finite=False}), for the caller to report as undefined, rather than
     * scikit-learn's default 1-or-0, which reads as a real score. NaN or infinite predictions
     * give NaN.
     */
    public static double r2(double[] predictions, double[] targets, int width) {
        checkSameLength(predictions, targets);
        checkWidth(targets.length, width);
        int rows = targets.length / width;
        double total = 0;
        for (int j = 0; j < width; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += targets[i * width + j];
            }
            mean /= rows;
            double residual = 0;
            double spread = 0;
            for (int i = 0; i < rows; i++) {
                double t = targets[i * width + j];
                double d = predictions[i * width + j] - t;
                residual += d * d;
                spread += (t - mean) * (t - mean);
            }
            if (spread == 0) {
                return Double.NaN;
            }
            total += 1 - residual / spread;
        }
        return total / width;
    }

    /**
     * The index of the largest score in each row of {@code scores [rows, width]}: the predicted
     * class. Ties go to the lowest index, as {@code torch.argmax}; a NaN score is never chosen
     * (a row of NaNs gives 0).
     */
    public static int[] argmax(double[] scores, int width) {
        checkWidth(scores.length, width);
        int[] best = new int[scores.length / width];
        for (int i = 0; i < best.length; i++) {
            int b = 0;
            for (int j = 1; j < width; j++) {
                double s = scores[i * width + j];
                double top = scores[i * width + b];
                if (!Double.isNaN(s) && (s > top || Double.isNaN(top))) {
                    b = j;
                }
            }
            best[i] = b;
        }
        return best;
    }

    /**
     * The fraction of rows whose predicted class ({@link #argmax} of {@code scores}) equals the
     * true class index in {@code classes}.
     */
    public static double accuracy(double[] scores, int width, int[] classes) {
        int[] predicted = argmax(scores, width);
        if (predicted.length != classes.length || classes.length == 0) {
            throw new IllegalArgumentException("accuracy of " + predicted.length + " score rows against "
                    + classes.length + " classes; expected the same, non-zero number");
        }
        int right = 0;
        for (int i = 0; i < classes.length; i++) {
            if (predicted[i] == classes[i]) {
                right++;
            }
        }
        return (double) right / classes.length;
    }

    private static void checkSameLength(double[] predictions, double[] targets) {
        if (predictions.length != targets.length || targets.length == 0) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + targets.length
                    + " targets; expected the same, non-zero number");
        }
    }

    private static void checkWidth(int length, int width) {
        if (width < 1 || length == 0 || length % width != 0) {
            throw new IllegalArgumentException(length + " values are not whole rows of width " + width);
        }
    }
}
