package org.backprop4j.conformance.broken;

import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: {@code columnSums} subtracts the column sums instead of adding them,
 * {@code out = beta out - sum_i a_ij}. In {@code nn-core} that op makes only the bias gradient
 * ({@code db += sum over the batch of dy}), so every bias gradient comes out with its sign flipped
 * while the forward pass and every other gradient stay right.
 */
final class FlippedBiasGradientOps extends DecoratedOps {
    FlippedBiasGradientOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        Tensor sums = delegate.zeros(out.dtype(), out.shape());
        delegate.columnSums(in(a), 0.0, sums);
        delegate.axpby(-1.0, sums, beta, in(out));
    }
}
