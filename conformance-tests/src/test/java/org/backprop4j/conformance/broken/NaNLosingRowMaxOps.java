package org.backprop4j.conformance.broken;

import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: {@code rowReduce(MAX)} as EJML's {@code CommonOps_DDRM.maxRows} computes it,
 * starting from {@code -Double.MAX_VALUE} and keeping {@code v > max}: a NaN is lost (a softmax
 * over a row holding NaN then looks finite), and a row of {@code -Infinity} gives
 * {@code -Double.MAX_VALUE}. Right on every finite row.
 */
final class NaNLosingRowMaxOps extends DecoratedOps {
    NaNLosingRowMaxOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        if (op != ReduceOp.MAX) {
            super.rowReduce(op, a, out);
            return;
        }
        int cols = a.shape().cols();
        double[] values = new double[a.shape().size()];
        double[] maxima = new double[a.shape().rows()];
        delegate.copyOut(in(a), values);
        for (int i = 0; i < maxima.length; i++) {
            double max = -Double.MAX_VALUE;
            for (int j = i * cols; j < (i + 1) * cols; j++) {
                if (values[j] > max) {
                    max = values[j];
                }
            }
            maxima[i] = max;
        }
        delegate.copyIn(maxima, in(out));
    }
}
