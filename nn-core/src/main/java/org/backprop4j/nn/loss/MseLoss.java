package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;

/**
 * Mean squared error, exactly as {@code torch.nn.MSELoss(reduction)}: with {@code d = pred - target}
 * over all {@code N} elements (every row and every output), {@code S = sum d^2},
 * <ul>
 *   <li>{@link Reduction#MEAN}: {@code L = S / N}, gradient {@code dL/dpred = 2 d / N};</li>
 *   <li>{@link Reduction#SUM}: {@code L = S}, gradient {@code 2 d}.</li>
 * </ul>
 * {@code N} is the element count, not the batch size: the notebook's {@code 1/(2N)} loss with a
 * {@code 1/N} gradient agreed with PyTorch only for exactly two outputs. Target: values of the
 * prediction's shape. The sum of squares is accumulated in double; the gradient is {@code d}
 * scaled once, by {@code 2 / N} or 2.
 *
 * <p>NaN in either input gives a NaN loss; there is no special handling.
 */
public final class MseLoss extends Loss {

    public MseLoss(Backend backend, Reduction reduction) {
        super(backend, reduction);
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.Mse(reduction());
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        return elementwiseNormaliser(output, target);
    }

    @Override
    protected double compute(Tensor output, Tensor target, double gradientScale, Tensor gradient) {
        backend.binary(BinaryOp.SUB, output, target, gradient);
        double sumOfSquares = backend.dot(gradient, gradient);
        backend.scale(2 * gradientScale, gradient, gradient);
        return sumOfSquares;
    }
}
