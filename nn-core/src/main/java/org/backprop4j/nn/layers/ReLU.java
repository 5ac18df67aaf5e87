package org.backprop4j.nn.layers;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/** {@code y = max(x, 0)}, the gradient at exactly 0 is 0, as {@code torch.nn.ReLU}; see {@link Activation#RELU}. */
public final class ReLU extends ActivationLayer {
    public ReLU(Backend backend, DType dtype, int width) {
        super(backend, dtype, width, Activation.RELU, 0.0);
    }
}
