package org.backprop4j.cli;

import java.util.Locale;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.Inference;
import org.backprop4j.nn.train.Metrics;

/**
 * The rows of {@code train}'s metrics table: MSE and R^2 (regression) or accuracy
 * (classification) of a trained model on standardised rows, in the data's units. R^2 of
 * constant targets is printed as "undefined", and a very negative R^2 in exponent form, never as
 * a 43-digit number; a model whose predictions are not finite has diverged, which fails the run.
 */
final class TrainingMetrics {
    /** Beyond this magnitude R^2 is printed in exponent form. */
    private static final double PLAIN_R2_LIMIT = 1e4;

    private TrainingMetrics() {
    }

    /**
     * One row: {@code name}, the MSE and the second metric.
     *
     * @param data standardised rows, as the model was trained on
     * @throws RunFailedException when a prediction is NaN or infinite (the training diverged)
     */
    static String row(String name, SavedModel model, Dataset data, boolean classify) {
        Normalization n = model.normalization();
        int width = data.targetWidth();
        double[] predictions = n.denormalizeOutputs(Inference.predict(model.network(), data.inputs()), width);
        double[] targets = n.denormalizeOutputs(data.targets(), width);
        for (int i = 0; i < predictions.length; i++) {
            if (!Double.isFinite(predictions[i])) {
                throw new RunFailedException("training diverged: the model predicts " + predictions[i] + " for "
                        + name + " row " + (i / width + 1) + "; try a smaller --lr");
            }
        }
        double mse = Metrics.mse(predictions, targets);
        String second;
        if (classify) {
            double accuracy = Metrics.accuracy(predictions, width, Metrics.argmax(targets, width));
            second = String.format(Locale.ROOT, "%.2f%%", 100 * accuracy);
        } else {
            second = r2(Metrics.r2(predictions, targets, width));
        }
        return String.format(Locale.ROOT, "%-12s %12.6g  %s", name, mse, second);
    }

    /** {@code 0.4643}; {@code -1.235e+42} for a magnitude of {@value #PLAIN_R2_LIMIT} or more; "undefined" for NaN. */
    static String r2(double r2) {
        if (Double.isNaN(r2)) {
            return "undefined (constant targets)";
        }
        return String.format(Locale.ROOT, Math.abs(r2) < PLAIN_R2_LIMIT ? "%.4f" : "%.4g", r2);
    }
}
