package org.backprop4j.conformance.broken;

import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: the MSE mean divides by the batch size instead of the element count. nn-core's
 * {@code MseLoss} scales {@code d = pred - target} by {@code 2 / N}, {@code N} the number of
 * elements, with one {@code scale} call; this {@code scale}, when called on a matrix with that
 * factor, uses {@code 2 / rows} instead: the gradient of the notebook's original bug, right only
 * when there is one output per row. The loss value (computed in nn-core from a dot product) stays right.
 */
final class BatchMeanOps extends DecoratedOps {
    BatchMeanOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void scale(double alpha, Tensor x, Tensor out) {
        boolean meanOfAllElements = x.shape().isMatrix() && alpha == 2.0 / x.shape().size();
        delegate.axpby(meanOfAllElements ? 2.0 / x.shape().rows() : alpha, in(x), 0.0, in(out));
    }
}
