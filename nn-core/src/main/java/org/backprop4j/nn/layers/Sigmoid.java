package org.backprop4j.nn.layers;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/** {@code y = 1 / (1 + exp(-x))}, as {@code torch.nn.Sigmoid}; see {@link Activation#SIGMOID}. */
public final class Sigmoid extends ActivationLayer {
    public Sigmoid(Backend backend, DType dtype, int width) {
        super(backend, dtype, width, Activation.SIGMOID, 0.0);
    }
}
