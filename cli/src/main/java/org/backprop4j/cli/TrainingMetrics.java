package org.backprop4j.cli;

import java.util.Locale;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.Inference;
import org.backprop4j.nn.train.Metrics;
import org.backprop4j.nn.train.Trainer;

/**
 * The rows of {@code train}'s metrics table: MSE and R^2 of a regression model, or the training
 * loss and accuracy of a classifier, on standardised rows (in the data's units). R^2 of
 * constant targets is printed as "undefined", and a very negative R^2 in exponent form, never as
 * a 43-digit number; a model whose predictions are not finite has diverged, which fails the run.
 */
final class TrainingMetrics {
    /** Beyond this magnitude R^2 is printed in exponent form. */
    private static final double PLAIN_R2_LIMIT = 1e4;

    private TrainingMetrics() {
    }

    /**
     * A regression row: {@code name}, the MSE and R^2.
     *
     * @param data standardised rows, as the model was trained on
     * @throws RunFailedException when a prediction is NaN or infinite (the training diverged)
     */
    static String row(String name, SavedModel model, Dataset data) {
        Normalization n = model.normalization();
        int width = data.targetWidth();
        double[] predictions = n.denormalizeOutputs(Inference.predict(model.network(), data.inputs()), width);
        double[] targets = n.denormalizeOutputs(data.targets(), width);
        checkFinite(name, predictions, width);
        return String.format(Locale.ROOT, "%-12s %12.6g  %s", name, Metrics.mse(predictions, targets),
                r2(Metrics.r2(predictions, targets, width)));
    }

    /**
     * A classifier row: {@code name}, the loss the trainer computes and the accuracy of the
     * predicted classes. The targets are class indices (one column) or one-hot rows.
     *
     * @param data rows as the model was trained on (a classifier's targets are not standardised)
     * @throws RunFailedException when a score is NaN or infinite (the training diverged)
     */
    static String classifierRow(String name, Trainer trainer, SavedModel model, Dataset data) {
        double[] scores = Inference.predict(model.network(), data.inputs());
        checkFinite(name, scores, model.network().outputWidth());
        int[] predicted = model.predictClasses(scores);
        double[] targets = data.targets();
        int k = data.targetWidth();
        int[] truth = k == 1 ? null : Metrics.argmax(targets, k);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            int index = truth == null ? (int) targets[i] : truth[i];
            right += predicted[i] == model.classes().labels().get(index) ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%-12s %14.6g  %.2f%%", name, trainer.evaluate(data),
                100.0 * right / predicted.length);
    }

    private static void checkFinite(String name, double[] predictions, int width) {
        for (int i = 0; i < predictions.length; i++) {
            if (!Double.isFinite(predictions[i])) {
                throw new RunFailedException("training diverged: the model predicts " + predictions[i] + " for "
                        + name + " row " + (i / width + 1) + "; try a smaller --lr");
            }
        }
    }

    /** {@code 0.4643}; {@code -1.235e+42} for a magnitude of {@value #PLAIN_R2_LIMIT} or more; "undefined" for NaN. */
    static String r2(double r2) {
        if (Double.isNaN(r2)) {
            return "undefined (constant targets)";
        }
        return String.format(Locale.ROOT, Math.abs(r2) < PLAIN_R2_LIMIT ? "%.4f" : "%.4g", r2);
    }
}
