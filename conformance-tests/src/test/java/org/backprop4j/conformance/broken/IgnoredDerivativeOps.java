package org.backprop4j.conformance.broken;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: the backward rule of every activation ignores the derivative and copies
 * {@code dy} into {@code dx}, as if every activation were the identity. Forward is right, and so
 * is every gradient of a network whose activations are all identities or whose derivative
 * happens to be 1 where it is evaluated (ReLU with positive inputs).
 */
final class IgnoredDerivativeOps extends DecoratedOps {
    IgnoredDerivativeOps(TensorOps delegate) {
        super(delegate);
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        delegate.axpby(1.0, in(dy), 0.0, in(dx));
    }
}
