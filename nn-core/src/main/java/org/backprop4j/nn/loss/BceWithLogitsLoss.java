package org.backprop4j.nn.loss;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Binary cross-entropy of logits, exactly as {@code torch.nn.BCEWithLogitsLoss(reduction,
 * pos_weight)}: for logits {@code x} and targets {@code t} in {@code [0, 1]}, both {@code [batch,
 * out]}, and the positive weight {@code p_j} of column {@code j} (1 without {@code pos_weight}),
 * <pre>
 *   l = (1 - t) x + (1 + (p - 1) t) softplus(-x),   softplus(z) = log(1 + exp(z))
 *   dl/dx = sigmoid(x) (1 + (p - 1) t) - p t
 * </pre>
 * over all {@code N} elements; {@link Reduction#MEAN} divides by {@code N}. {@code softplus(-x)} is
 * the backend's Softplus activation (threshold 20, {@code log1p}), so the loss stays finite and
 * accurate for logits of any size (PyTorch's own rearrangement {@code max(-x, 0) + log(exp(-max) +
 * exp(-x - max))} is the same function). NaN in either input gives NaN. Targets outside
 * {@code [0, 1]} are not rejected (PyTorch does not check them either).
 */
public final class BceWithLogitsLoss extends Loss {
    private final double[] posWeight;
    private final ReusableTensor softplus;
    private final ReusableTensor terms;
    private final ReusableTensor logWeight;
    private final ReusableTensor weightedTarget;
    private final ReusableTensor posWeightRows;
    private double[] posWeightRowsHost = new double[0];

    /**
     * @param posWeight one finite weight per output column, or null for none; copied
     * @throws IllegalArgumentException for a weight that is not finite
     */
    public BceWithLogitsLoss(Backend backend, Reduction reduction, double[] posWeight) {
        super(backend, reduction);
        this.posWeight = new LossSpec.BceWithLogits(reduction, posWeight).posWeight(); // checks and copies
        this.softplus = new ReusableTensor(backend);
        this.terms = new ReusableTensor(backend);
        this.logWeight = new ReusableTensor(backend);
        this.weightedTarget = new ReusableTensor(backend);
        this.posWeightRows = new ReusableTensor(backend);
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.BceWithLogits(reduction(), posWeight);
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        double n = elementwiseNormaliser(output, target);
        requireOnePerColumn("pos_weight", posWeight, output, "one per output column");
        return n;
    }

    @Override
    protected double compute(Tensor x, Tensor t, double gradientScale, Tensor gradient) {
        Tensor sp = softplus.like(x);
        Tensor l = terms.like(x);
        backend.scale(-1, x, sp);
        backend.activation(Activation.SOFTPLUS, sp, sp);        // softplus(-x)
        backend.binary(BinaryOp.MUL, t, x, l);
        backend.binary(BinaryOp.SUB, x, l, l);                  // (1 - t) x
        backend.activation(Activation.SIGMOID, x, gradient);
        if (posWeight == null) {
            backend.binary(BinaryOp.ADD, l, sp, l);
            backend.binary(BinaryOp.SUB, gradient, t, gradient); // sigmoid(x) - t
        } else {
            Tensor pt = weightedTarget.like(x);
            Tensor lw = logWeight.like(x);
            backend.binary(BinaryOp.MUL, posWeightMatrix(x), t, pt);   // p t
            backend.binary(BinaryOp.SUB, pt, t, lw);
            backend.addScalar(lw, 1, lw);                               // 1 + (p - 1) t
            backend.binary(BinaryOp.MUL, lw, sp, sp);
            backend.binary(BinaryOp.ADD, l, sp, l);
            backend.binary(BinaryOp.MUL, gradient, lw, gradient);
            backend.binary(BinaryOp.SUB, gradient, pt, gradient);       // sigmoid(x) lw - p t
        }
        double total = backend.sum(l);
        scaleGradient(gradientScale, gradient);
        return total;
    }

    /** {@code pos_weight} repeated on every row of the output's shape, copied in when the shape changes. */
    private Tensor posWeightMatrix(Tensor x) {
        int rows = x.shape().rows();
        int cols = x.shape().cols();
        if (posWeightRowsHost.length != rows * cols) {
            posWeightRowsHost = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(posWeight, 0, posWeightRowsHost, i * cols, cols);
            }
        }
        Tensor m = posWeightRows.like(x);
        backend.copyIn(posWeightRowsHost, m);
        return m;
    }
}
