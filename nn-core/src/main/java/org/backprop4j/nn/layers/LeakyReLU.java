package org.backprop4j.nn.layers;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/**
 * {@code y = x} for {@code x > 0}, else {@code s x}, as {@code torch.nn.LeakyReLU(s)}; the gradient
 * at exactly 0 is {@code s}. See {@link Activation#LEAKY_RELU}.
 */
public final class LeakyReLU extends ActivationLayer {
    /** With PyTorch's default slope, 0.01. */
    public LeakyReLU(Backend backend, DType dtype, int width) {
        this(backend, dtype, width, Activation.DEFAULT_NEGATIVE_SLOPE);
    }

    public LeakyReLU(Backend backend, DType dtype, int width, double negativeSlope) {
        super(backend, dtype, width, Activation.LEAKY_RELU, negativeSlope);
    }
}
