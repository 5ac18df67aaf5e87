package org.backprop4j.conformance.broken;

import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: {@code columnSums} ignores {@code beta} and overwrites {@code out} with the
 * column sums, as if {@code beta} were always 0. A training step zeroes its gradients before
 * backward, so a bias gradient accumulated once is still right: the golden cases and the network
 * checks pass (issue #10 found the command line's conformance run passing it); only the op
 * contract's {@code columnSums} checks with {@code beta} 1 and 2 catch it.
 */
final class IgnoredBetaOps extends DecoratedOps {
    IgnoredBetaOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        delegate.columnSums(in(a), 0.0, in(out));
    }
}
