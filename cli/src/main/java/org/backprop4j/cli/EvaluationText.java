package org.backprop4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.backprop4j.nn.train.ClassificationReport;
import org.backprop4j.nn.train.ClassificationReport.Score;
import org.backprop4j.nn.train.RegressionReport;

/**
 * The tables {@code evaluate} prints: MSE, MAE and R^2 per target column of a regression model
 * (R^2 as {@code train} prints it, "undefined (constant targets)" for a constant column); for a
 * classifier, the accuracy, scikit-learn's {@code classification_report} table and the confusion
 * matrix, rows true and columns predicted, with notes where a figure is 0 by definition.
 */
final class EvaluationText {
    private EvaluationText() {
    }

    /**
     * The regression table: a row per column of {@code names}, and their mean when there are several.
     *
     * @param names the target columns, one per column of {@code report}
     */
    static List<String> regression(RegressionReport report, List<String> names) {
        int width = Math.max("column".length(), Math.max("mean".length(),
                names.stream().mapToInt(String::length).max().orElse(0)));
        String row = "%-" + width + "s  %12s  %12s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, row, "column", "MSE", "MAE", "R^2"));
        for (int j = 0; j < names.size(); j++) {
            lines.add(String.format(Locale.ROOT, row, names.get(j), number(report.mse(j)), number(report.mae(j)),
                    TrainingMetrics.r2(report.r2(j))));
        }
        if (names.size() > 1) {
            lines.add(String.format(Locale.ROOT, row, "mean", number(report.meanMse()), number(report.meanMae()),
                    TrainingMetrics.r2(report.meanR2())));
        }
        return lines;
    }

    /**
     * The accuracy, the per-class table with its macro and weighted averages, notes on the figures
     * that are 0 by definition and on the classes left out, and the confusion matrix.
     *
     * @param column the class column, which heads the table
     * @param labels the class labels, class {@code k} being {@code labels.get(k)}
     */
    static List<String> classification(ClassificationReport report, String column, List<String> labels) {
        List<String> lines = new ArrayList<>();
        long right = IntStream.range(0, report.classes()).mapToLong(c -> report.count(c, c)).sum();
        lines.add(String.format(Locale.ROOT, "accuracy %.2f%% (%d of %d rows)", 100 * report.accuracy(), right,
                report.rows()));
        lines.add("");
        int width = Math.max("weighted avg".length(), Math.max(column.length(),
                labels.stream().mapToInt(String::length).max().orElse(0)));
        String row = "%-" + width + "s  %9s  %9s  %9s  %9s";
        lines.add(String.format(Locale.ROOT, row, column, "precision", "recall", "f1-score", "support"));
        for (int c = 0; c < report.classes(); c++) {
            if (report.occurs(c)) {
                lines.add(String.format(Locale.ROOT, row, labels.get(c), score(report.score(Score.PRECISION, c)),
                        score(report.score(Score.RECALL, c)), score(report.score(Score.F1, c)), report.support(c)));
            }
        }
        lines.add(String.format(Locale.ROOT, row, "macro avg", score(report.macroAverage(Score.PRECISION)),
                score(report.macroAverage(Score.RECALL)), score(report.macroAverage(Score.F1)), report.rows()));
        lines.add(String.format(Locale.ROOT, row, "weighted avg", score(report.weightedAverage(Score.PRECISION)),
                score(report.weightedAverage(Score.RECALL)), score(report.weightedAverage(Score.F1)), report.rows()));
        lines.addAll(notes(report, labels));
        lines.add("");
        lines.addAll(confusionMatrix(report, column, labels));
        return lines;
    }

    /** The lines that say why a figure is 0 or a class is missing from the table; none when nothing is. */
    private static List<String> notes(ClassificationReport report, List<String> labels) {
        List<String> neverPredicted = new ArrayList<>();
        List<String> noRows = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < report.classes(); c++) {
            if (!report.occurs(c)) {
                absent.add(labels.get(c));
            } else if (report.predicted(c) == 0) {
                neverPredicted.add(labels.get(c));
            } else if (report.support(c) == 0) {
                noRows.add(labels.get(c));
            }
        }
        List<String> notes = new ArrayList<>();
        if (!neverPredicted.isEmpty()) {
            notes.add("note: precision is 0 for " + String.join(", ", neverPredicted) + ": never predicted "
                    + "(scikit-learn's zero_division=0)");
        }
        if (!noRows.isEmpty()) {
            notes.add("note: recall is 0 for " + String.join(", ", noRows) + ": predicted, but no row is of "
                    + (noRows.size() == 1 ? "that class" : "those classes") + " (support 0)");
        }
        if (!absent.isEmpty()) {
            notes.add("note: not in the table or the averages: " + String.join(", ", absent) + ", neither in the "
                    + "data nor predicted (scikit-learn reports only the labels that occur)");
        }
        return notes;
    }

    /** The confusion matrix as a table: a row per true class, a column per predicted class. */
    private static List<String> confusionMatrix(ClassificationReport report, String column, List<String> labels) {
        int k = report.classes();
        String corner = "true \\ predicted";
        int first = Math.max(corner.length(), labels.stream().mapToInt(String::length).max().orElse(0));
        int cell = labels.stream().mapToInt(String::length).max().orElse(0);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cell = Math.max(cell, Long.toString(report.count(t, p)).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("confusion matrix: a row per true " + column + ", a column per predicted " + column);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", corner));
        for (String label : labels) {
            header.append(String.format(Locale.ROOT, "  %" + cell + "s", label));
        }
        lines.add(header.toString());
        for (int t = 0; t < k; t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", labels.get(t)));
            for (int p = 0; p < k; p++) {
                line.append(String.format(Locale.ROOT, "  %" + cell + "d", report.count(t, p)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String score(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Six significant digits, as {@code train} prints its MSE. */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
