package org.backprop4j.conformance.broken;

import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: {@code alpha == 0} skips the product, as BLAS's {@code ?axpy} and
 * {@code ?gemm} do: {@code axpby} and {@code gemm} then compute {@code beta y} without reading
 * {@code x} (or {@code a} and {@code b}), so a NaN or an infinity there is hidden where the SPI
 * says it must give NaN. Everything else is right.
 */
final class SkippedAlphaZeroOps extends DecoratedOps {
    SkippedAlphaZeroOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (alpha == 0) {
            delegate.axpby(beta, in(y), 0.0, in(y));
        } else {
            super.axpby(alpha, x, beta, y);
        }
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        if (alpha == 0) {
            delegate.axpby(beta, in(c), 0.0, in(c));
        } else {
            super.gemm(alpha, a, transposeA, b, transposeB, beta, c);
        }
    }
}
