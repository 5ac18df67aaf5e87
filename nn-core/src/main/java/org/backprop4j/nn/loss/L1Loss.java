package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Mean absolute error, exactly as {@code torch.nn.L1Loss(reduction)}: with {@code d = pred - target}
 * over all {@code N} elements, {@code S = sum |d|}, {@code L = S / N} ({@link Reduction#MEAN}) or
 * {@code S} ({@link Reduction#SUM}); gradient {@code sign(d) / N} or {@code sign(d)}, which is 0
 * where {@code d} is exactly 0 (PyTorch's subgradient). Target: values of the prediction's shape.
 * NaN in either input gives a NaN loss and gradient element.
 */
public final class L1Loss extends Loss {
    private final ReusableTensor absolute;

    public L1Loss(Backend backend, Reduction reduction) {
        super(backend, reduction);
        this.absolute = new ReusableTensor(backend);
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.L1(reduction());
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        return elementwiseNormaliser(output, target);
    }

    @Override
    protected double compute(Tensor output, Tensor target, double gradientScale, Tensor gradient) {
        Tensor abs = absolute.like(output);
        backend.binary(BinaryOp.SUB, output, target, gradient);
        backend.unary(UnaryOp.ABS, gradient, abs);
        double sum = backend.sum(abs);
        backend.unary(UnaryOp.SIGN, gradient, gradient);
        scaleGradient(gradientScale, gradient);
        return sum;
    }
}
