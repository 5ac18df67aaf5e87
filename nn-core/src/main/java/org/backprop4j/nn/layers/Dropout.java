package org.backprop4j.nn.layers;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Dropout, as {@code torch.nn.Dropout(p)} with inverted scaling:
 * <pre>
 *   training:   y = x * mask,  mask_ij = 1 / (1 - p) with probability 1 - p, else 0
 *               dx = dy * mask (the mask of the last forward pass)
 *   evaluation: y = x, dx = dy
 * </pre>
 * The mask is drawn on the host, element by element in row-major order, from the layer's own
 * seeded generator ({@code u < 1 - p} keeps an element, {@code u} uniform in {@code [0, 1)}), a
 * new mask at every forward pass in training mode; {@code 1 / (1 - p)} is rounded once to the
 * dtype, so a kept value is {@code x} times exactly that number. With {@code p = 0}, training is
 * the identity too (PyTorch returns the input). The same seed gives the same masks on every
 * backend (PyTorch's own masks come from its generator, so they cannot be matched).
 *
 * <p>A new layer is in evaluation mode (see {@link org.backprop4j.nn.Sequential#train()}). No
 * parameters; any width.
 */
public final class Dropout extends ElementShapedLayer {
    private final double p;
    private final double keep;
    private RandomGenerator rng;
    private final ReusableTensor maskTensor;
    private double[] maskValues = new double[0];
    private boolean training;
    private Tensor lastMask;

    /**
     * @param p   the probability of dropping an element, in {@code [0, 1)}
     * @param rng the generator the masks are drawn from, advanced by one draw per element per
     *            training forward pass
     * @throws IllegalArgumentException for {@code p} outside {@code [0, 1)}
     */
    public Dropout(Backend backend, double p, RandomGenerator rng) {
        super(backend);
        this.p = new LayerSpec.Dropout(p).p(); // checks p
        this.keep = 1 - p;
        this.rng = Objects.requireNonNull(rng, "rng");
        this.maskTensor = new ReusableTensor(backend);
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /**
     * Draws the following masks from {@code new SplittableRandom(seed)}, as if the layer had been
     * made with it. A trainer that derives each batch's masks from its own seed, so that a run
     * saved between batches continues with the same masks, sets it before every batch.
     */
    public void reseed(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Whether the layer is in training mode (draws masks). */
    public boolean isTraining() {
        return training;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    String label() {
        return toString();
    }

    @Override
    void forward(Tensor x, Tensor y) {
        if (!training || p == 0) {
            lastMask = null;
            backend.copy(x, y);
            return;
        }
        int n = x.shape().size();
        if (maskValues.length != n) {
            maskValues = new double[n];
        }
        double scale = 1 / keep;
        for (int i = 0; i < n; i++) {
            maskValues[i] = rng.nextDouble() < keep ? scale : 0.0;
        }
        lastMask = maskTensor.like(x);
        backend.copyIn(maskValues, lastMask);
        backend.binary(BinaryOp.MUL, x, lastMask, y);
    }

    @Override
    void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (lastMask == null) {
            backend.copy(dy, dx);
        } else {
            backend.binary(BinaryOp.MUL, dy, lastMask, dx);
        }
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Dropout(p);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
