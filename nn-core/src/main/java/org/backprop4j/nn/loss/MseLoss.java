package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.BinaryOp;

/**
 * Mean squared error, exactly as {@code torch.nn.MSELoss(reduction)}: with {@code d = pred - target}
 * over all {@code N} elements (every row and every output),
 * <ul>
 *   <li>{@link Reduction#MEAN}: {@code L = sum(d^2) / N}, gradient {@code dL/dpred = 2 d / N};</li>
 *   <li>{@link Reduction#SUM}: {@code L = sum(d^2)}, gradient {@code 2 d}.</li>
 * </ul>
 * {@code N} is the element count, not the batch size: the notebook's {@code 1/(2N)} loss with a
 * {@code 1/N} gradient agreed with PyTorch only for exactly two outputs.
 *
 * <p>NaN in either input gives a NaN loss; there is no special handling.
 */
public final class MseLoss {
    private final Backend backend;
    private final Reduction reduction;
    private Tensor gradient;
    private boolean ready;

    public MseLoss(Backend backend, Reduction reduction) {
        this.backend = backend;
        this.reduction = reduction;
    }

    public Reduction reduction() {
        return reduction;
    }

    /**
     * The loss of {@code pred} against {@code target} (same shape), and the gradient ready for
     * {@link #backward()}. The sum of squares is accumulated in double.
     */
    public double forward(Tensor pred, Tensor target) {
        if (!pred.shape().equals(target.shape())) {
            throw new IllegalArgumentException("MseLoss: target is " + target.shape() + "; expected " + pred.shape()
                    + ", the shape of the prediction");
        }
        if (gradient == null || !gradient.shape().equals(pred.shape()) || gradient.dtype() != pred.dtype()) {
            gradient = backend.zeros(pred.dtype(), pred.shape());
        }
        backend.binary(BinaryOp.SUB, pred, target, gradient);
        double n = pred.shape().size();
        double sumOfSquares = backend.dot(gradient, gradient);
        backend.scale(reduction == Reduction.MEAN ? 2.0 / n : 2.0, gradient, gradient);
        ready = true;
        return reduction == Reduction.MEAN ? sumOfSquares / n : sumOfSquares;
    }

    /** {@code dL/dpred} of the last {@link #forward}; a buffer overwritten by the next call. */
    public Tensor backward() {
        if (!ready) {
            throw new IllegalStateException("MseLoss: backward called before forward");
        }
        return gradient;
    }
}
