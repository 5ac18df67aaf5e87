package org.backprop4j.api;

/**
 * Elementwise activation functions, their forward rule {@code y = f(x)} and the derivative used
 * in backward, {@code dx = dy * f'(x)}. The conventions are PyTorch's, including at the kinks.
 *
 * <p>Only {@link #LEAKY_RELU} reads the {@code negativeSlope} argument of
 * {@link Backend#activation}; the others ignore it.
 */
public enum Activation {
    /** {@code y = x}; {@code dx = dy}. */
    IDENTITY("identity"),
    /**
     * {@code y = max(x, 0)}; {@code dx = 0} where {@code y <= 0}, else {@code dy}, so the gradient at
     * exactly {@code x = 0} is 0 (PyTorch's {@code threshold_backward} on the output). NaN in gives
     * NaN out, and {@code dy} passes through a NaN output, as in PyTorch.
     */
    RELU("relu"),
    /**
     * {@code y = x} for {@code x > 0}, else {@code s * x}; {@code dx = dy} where {@code x > 0}, else
     * {@code s * dy}, so the gradient at exactly 0 is {@code s} (PyTorch's
     * {@code leaky_relu_backward}).
     */
    LEAKY_RELU("leaky_relu"),
    /** {@code y = 1 / (1 + exp(-x))}; {@code dx = dy * (1 - y) * y}, computed from the output. */
    SIGMOID("sigmoid"),
    /** {@code y = tanh(x)}; {@code dx = dy * (1 - y * y)}, computed from the output. */
    TANH("tanh");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The layer type name used in case and model files, e.g. {@code leaky_relu}. */
    public String id() {
        return id;
    }

    /** PyTorch's default negative slope for {@code nn.LeakyReLU}: 0.01. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /**
     * The activation whose file name is {@code id}.
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation '" + id
                + "' is not supported; allowed: identity, relu, leaky_relu, sigmoid, tanh");
    }

    /**
     * The forward rule for one element, {@code f(x)}: the reference definition that loop-based
     * backends apply. A switch expression, so a new constant fails to compile here.
     */
    public double forward(double x, double negativeSlope) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : (x == x ? 0.0 : x); // x == x is false only for NaN, which passes through
            case LEAKY_RELU -> x > 0 ? x : x * negativeSlope;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /**
     * The backward rule for one element, {@code dy f'(x)}, reading whichever of the input
     * {@code x} and the output {@code y = f(x)} PyTorch reads; see each constant.
     */
    public double backward(double x, double y, double dy, double negativeSlope) {
        return switch (this) {
            case IDENTITY -> dy;
            case RELU -> y <= 0 ? 0.0 : dy; // not y > 0: a NaN output passes dy, as threshold_backward does
            case LEAKY_RELU -> x > 0 ? dy : dy * negativeSlope;
            case SIGMOID -> dy * (1.0 - y) * y;
            case TANH -> dy * (1.0 - y * y);
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
