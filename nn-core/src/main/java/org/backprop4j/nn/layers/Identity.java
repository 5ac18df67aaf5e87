package org.backprop4j.nn.layers;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/** {@code y = x}, as {@code torch.nn.Identity}; see {@link Activation#IDENTITY}. */
public final class Identity extends ActivationLayer {
    public Identity(Backend backend, DType dtype, int width) {
        super(backend, dtype, width, Activation.IDENTITY, 0.0);
    }
}
