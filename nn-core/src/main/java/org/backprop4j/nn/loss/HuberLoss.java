package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * The Huber loss, exactly as {@code torch.nn.HuberLoss(reduction, delta)}: with {@code d = pred -
 * target} over all {@code N} elements,
 * <pre>
 *   l(d) = d^2 / 2                 if |d| &lt; delta
 *        = delta (|d| - delta / 2)  otherwise
 * </pre>
 * {@code S = sum l(d)}, {@code L = S / N} ({@link Reduction#MEAN}) or {@code S} ({@link Reduction#SUM}).
 * Its gradient is {@code c = clamp(d, -delta, delta)} (divided by {@code N} for the mean), and the
 * loss is computed from it as {@code l(d) = c^2 / 2 + delta (|d| - |c|)}, which is both branches
 * at once. At {@code |d| = delta} both branches and the gradient {@code ±delta} agree, as in PyTorch.
 * Target: values of the prediction's shape. NaN in either input gives NaN.
 */
public final class HuberLoss extends Loss {
    private final double delta;
    private final ReusableTensor difference;
    private final ReusableTensor upper;
    private final ReusableTensor lower;

    /**
     * @param delta where the quadratic part turns linear, finite and {@code > 0}
     * @throws IllegalArgumentException for any other {@code delta}
     */
    public HuberLoss(Backend backend, Reduction reduction, double delta) {
        super(backend, reduction);
        this.delta = new LossSpec.Huber(reduction, delta).delta(); // checks delta
        this.difference = new ReusableTensor(backend);
        this.upper = new ReusableTensor(backend);
        this.lower = new ReusableTensor(backend);
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.Huber(reduction(), delta);
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        return elementwiseNormaliser(output, target);
    }

    @Override
    protected double compute(Tensor output, Tensor target, double gradientScale, Tensor gradient) {
        Tensor d = difference.like(output);
        Tensor plusDelta = bound(upper, output, delta);
        Tensor minusDelta = bound(lower, output, -delta);
        backend.binary(BinaryOp.SUB, output, target, d);
        backend.binary(BinaryOp.MIN, d, plusDelta, gradient);
        backend.binary(BinaryOp.MAX, gradient, minusDelta, gradient); // c = clamp(d, -delta, delta)
        double quadratic = backend.dot(gradient, gradient);
        backend.unary(UnaryOp.ABS, d, d);
        backend.unary(UnaryOp.ABS, gradient, plusDelta);
        backend.binary(BinaryOp.SUB, d, plusDelta, d); // |d| - |c| >= 0, and exactly 0 inside the band
        double linear = backend.sum(d);
        scaleGradient(gradientScale, gradient);
        return 0.5 * quadratic + delta * linear;
    }

    /** A tensor of the output's shape filled with {@code value} (refilled every call: it is also scratch). */
    private Tensor bound(ReusableTensor buffer, Tensor output, double value) {
        Tensor t = buffer.like(output);
        backend.fill(t, value);
        return t;
    }
}
