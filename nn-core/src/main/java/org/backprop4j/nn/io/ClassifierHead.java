package org.backprop4j.nn.io;

import java.util.Arrays;
import org.backprop4j.nn.train.Metrics;

/**
 * How a classifier's network outputs become class probabilities: model.json's {@code "head"}.
 * Applied on the host, in double, to the outputs {@link SavedModel#predict} gives.
 */
public enum ClassifierHead {
    /**
     * The outputs are logits, one per class (cross-entropy training), or log-probabilities (a
     * {@code log_softmax} last layer, NLL training: they differ from logits by a constant per row,
     * which softmax ignores): {@code p_ic = exp(z_ic - m_i) / sum_c exp(z_ic - m_i)},
     * {@code m_i = max_c z_ic}, so every row sums to 1 up to one rounding in double. A row holding
     * NaN or {@code +Infinity} gives NaN probabilities, as {@code torch.softmax}.
     */
    SOFTMAX("softmax"),
    /**
     * Two classes and one output, the logit of the second class (binary cross-entropy training):
     * {@code p_i1 = sigmoid(z_i) = 1 / (1 + exp(-z_i))}, {@code p_i0 = 1 - p_i1}.
     */
    SIGMOID("sigmoid");

    private final String id;

    ClassifierHead(String id) {
        this.id = id;
    }

    /** The name in model.json. */
    public String id() {
        return id;
    }

    /**
     * The head named {@code id}.
     *
     * @throws IllegalArgumentException naming the value and the values allowed
     */
    public static ClassifierHead parse(String id) {
        for (ClassifierHead h : values()) {
            if (h.id.equals(id)) {
                return h;
            }
        }
        throw new IllegalArgumentException("head \"" + id + "\" is not supported; allowed: "
                + String.join(", ", Arrays.stream(values()).map(ClassifierHead::id).toList()));
    }

    /** The number of classes a network of {@code outputs} outputs scores with this head (2 for sigmoid). */
    public int classes(int outputs) {
        return switch (this) {
            case SOFTMAX -> outputs;
            case SIGMOID -> 2;
        };
    }

    /**
     * The number of network outputs this head needs for {@code classes} classes, or -1 when it
     * cannot score that many (sigmoid scores exactly two).
     */
    public int outputsFor(int classes) {
        return switch (this) {
            case SOFTMAX -> classes;
            case SIGMOID -> classes == 2 ? 1 : -1;
        };
    }

    /**
     * The probability of each class, row-major {@code [rows, classes(width)]}, for the outputs
     * {@code [rows, width]} (row-major; not modified). Each row sums to 1 up to rounding.
     *
     * @throws IllegalArgumentException when {@code outputs} are not whole rows of {@code width}, or
     *                                  {@code width} is not 1 for sigmoid
     */
    public double[] probabilities(double[] outputs, int width) {
        checkWidth(outputs, width);
        int rows = outputs.length / width;
        int classes = classes(width);
        double[] p = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            switch (this) {
                case SOFTMAX -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < width; c++) {
                        max = Math.max(max, outputs[i * width + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < width; c++) {
                        p[i * width + c] = Math.exp(outputs[i * width + c] - max);
                        sum += p[i * width + c];
                    }
                    for (int c = 0; c < width; c++) {
                        p[i * width + c] /= sum;
                    }
                }
                case SIGMOID -> {
                    double one = 1 / (1 + Math.exp(-outputs[i]));
                    p[2 * i] = 1 - one;
                    p[2 * i + 1] = one;
                }
            }
        }
        return p;
    }

    /**
     * The index of the most probable class of each row of {@code outputs [rows, width]}: the
     * {@link Metrics#argmax} of the outputs for softmax (monotone, so the same as that of the
     * probabilities, without their rounding), {@code z > 0 ? 1 : 0} for sigmoid (a tie at
     * probability 1/2 goes to the lower index, as {@code torch.argmax}).
     */
    public int[] classIndices(double[] outputs, int width) {
        checkWidth(outputs, width);
        return switch (this) {
            case SOFTMAX -> Metrics.argmax(outputs, width);
            case SIGMOID -> {
                int[] k = new int[outputs.length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = outputs[i] > 0 ? 1 : 0;
                }
                yield k;
            }
        };
    }

    private void checkWidth(double[] outputs, int width) {
        if (width < 1 || outputs.length % width != 0) {
            throw new IllegalArgumentException(outputs.length + " outputs are not whole rows of width " + width);
        }
        if (this == SIGMOID && width != 1) {
            throw new IllegalArgumentException("the sigmoid head takes one output per row (the second class's logit); found "
                    + width);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
