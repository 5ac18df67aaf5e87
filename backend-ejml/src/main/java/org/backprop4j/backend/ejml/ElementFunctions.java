package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;

/**
 * The activation functions and their derivatives, element by element, in double: EJML has no
 * activation ops. Both kernels loop over these, the float32 one rounding each result to float
 * once, so the formulas are written once for both dtypes. The conventions at the kinks are
 * PyTorch's (see {@link Activation}).
 */
final class ElementFunctions {
    private ElementFunctions() {
    }

    /** {@code f(x)}; a switch expression, so a new {@link Activation} fails to compile here. */
    static double forward(Activation f, double negativeSlope, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : (x == x ? 0.0 : x); // x == x is false only for NaN, which passes through
            case LEAKY_RELU -> x > 0 ? x : x * negativeSlope;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /**
     * {@code dy f'(x)}, reading whichever of the input {@code x} and the output {@code y = f(x)}
     * PyTorch reads: ReLU's gradient at exactly 0 is 0 (from {@code y > 0}), LeakyReLU's is the
     * slope (from {@code x > 0}), sigmoid's is {@code (1 - y) y}, tanh's {@code 1 - y^2}.
     */
    static double backward(Activation f, double negativeSlope, double x, double y, double dy) {
        return switch (f) {
            case IDENTITY -> dy;
            case RELU -> y > 0 ? dy : 0.0;
            case LEAKY_RELU -> x > 0 ? dy : dy * negativeSlope;
            case SIGMOID -> dy * (1.0 - y) * y;
            case TANH -> dy * (1.0 - y * y);
        };
    }
}
