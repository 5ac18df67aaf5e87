package org.backprop4j.conformance.broken;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: {@code activationBackward} in two passes, first the derivative into
 * {@code dx} ({@code dx = f'(x)}, the rule with {@code dy = 1}), then {@code dx = dx * dy}. Right
 * for distinct tensors and for {@code dx = x} or {@code dx = y}, which the second pass does not
 * read; wrong for {@code dx = dy}, which the SPI permits: the first pass overwrites {@code dy}, so
 * {@code dx} comes out as {@code f'(x)^2}.
 */
final class TwoPassBackwardOps extends DecoratedOps {
    TwoPassBackwardOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor ones = delegate.zeros(dx.dtype(), dx.shape());
        delegate.fill(ones, 1.0);
        delegate.activationBackward(f, in(x), in(y), ones, in(dx));
        delegate.binary(BinaryOp.MUL, in(dx), in(dy), in(dx));
    }
}
