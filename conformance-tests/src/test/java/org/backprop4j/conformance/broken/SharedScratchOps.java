package org.backprop4j.conformance.broken;

import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: not safe for concurrent calls on disjoint tensors, which the SPI promises
 * callers. {@code gemm} stages its result in one scratch array shared by every call, waits a
 * millisecond (as a slower kernel would) and copies it into {@code c}; two threads multiplying at
 * once get each other's products, or an exception when their sizes differ. Right when called from
 * one thread at a time.
 */
final class SharedScratchOps extends DecoratedOps {
    private double[] scratch = new double[0];

    SharedScratchOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        super.gemm(alpha, a, transposeA, b, transposeB, beta, c);
        if (scratch.length != c.shape().size()) {
            scratch = new double[c.shape().size()];
        }
        delegate.copyOut(in(c), scratch);
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.copyIn(scratch, in(c));
    }
}
