package org.backprop4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.api.Activation;
import org.backprop4j.nn.LayerSpec;

/**
 * The three networks whose training step is benchmarked: a stack of linear layers with ReLU
 * between them (none after the last), trained on one fixed batch with MSE and plain SGD.
 *
 * <ul>
 *   <li>{@link #TINY}: the notebook's model, batch 8, {@code 10 -> 2}, one linear layer;</li>
 *   <li>{@link #DIGITS}: batch 64, {@code 64 -> 128 -> 10};</li>
 *   <li>{@link #LARGE}: batch 256, {@code 1024 -> 1024 -> 1024 -> 10}.</li>
 * </ul>
 */
public enum StepConfig {
    TINY(8, 10, 2),
    DIGITS(64, 64, 128, 10),
    LARGE(256, 1024, 1024, 1024, 10);

    private final int batch;
    private final int[] widths;

    StepConfig(int batch, int... widths) {
        this.batch = batch;
        this.widths = widths;
    }

    /** The name used in {@code @Param} values, reports and the PyTorch reference: {@code tiny}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Rows of the training batch. */
    public int batch() {
        return batch;
    }

    /** Layer widths from input to output, e.g. {@code [1024, 1024, 1024, 10]}. */
    public int[] widths() {
        return widths.clone();
    }

    /** {@code Linear(w0, w1), ReLU, Linear(w1, w2), ReLU, ..., Linear(w_{n-1}, w_n)}, all with bias. */
    public List<LayerSpec> layers() {
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            if (i > 0) {
                specs.add(LayerSpec.ActivationLayer.of(Activation.RELU));
            }
            specs.add(new LayerSpec.Linear(widths[i], widths[i + 1], true));
        }
        return specs;
    }

    /**
     * The matrix-multiply FLOPs a training step needs, a multiply-add counted as 2: for every
     * linear layer {@code in -> out} with batch {@code B}, {@code 2 B in out} for the forward
     * product and as much for the weight gradient, and as much again for the input gradient
     * except at the first layer, whose input needs none (PyTorch does not compute it).
     * {@link #LARGE} comes to 2.70 GFLOP. Bias, activation, loss and update passes are not counted.
     */
    public long matmulFlops() {
        long flops = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            long product = 2L * batch * widths[i] * widths[i + 1];
            flops += (i == 0 ? 2 : 3) * product;
        }
        return flops;
    }

    /**
     * The config named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static StepConfig fromId(String id) {
        for (StepConfig c : values()) {
            if (c.id().equalsIgnoreCase(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("step config '" + id + "' is unknown; allowed: tiny, digits, large");
    }
}
