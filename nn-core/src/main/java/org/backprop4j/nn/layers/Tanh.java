package org.backprop4j.nn.layers;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/** {@code y = tanh(x)}, as {@code torch.nn.Tanh}; see {@link Activation#TANH}. */
public final class Tanh extends ActivationLayer {
    public Tanh(Backend backend, DType dtype, int width) {
        super(backend, dtype, width, Activation.TANH, 0.0);
    }
}
