package org.backprop4j.conformance;

import org.apache.commons.numbers.gamma.Erf;
import org.backprop4j.api.Activation;

/**
 * The activations' rules as the op contract computes its expected values: written from the
 * formulas of {@link Activation}'s javadoc (PyTorch 1.13's), not by calling
 * {@link Activation#forward} or {@link Activation#backward}, so that a mistake in those shows up
 * as a disagreement between the naive backend and the hand-computed values. Computed in
 * {@code double}; the caller rounds to the dtype.
 *
 * <p>At NaN and the infinities the values are PyTorch 1.13.1's, listed in {@link #atSpecialValues}
 * as PyTorch printed them, rather than derived.
 */
final class ActivationRules {
    private static final double GELU_CUBIC = 0.044715;

    private ActivationRules() {
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The standard normal CDF as PyTorch's GELU computes it, through {@code 1 + erf}, which cancels for large negative x. */
    private static double normalCdf(double x) {
        return 0.5 * (1 + Erf.value(x / Math.sqrt(2)));
    }

    private static double normalPdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    private static double tanhInner(double x) {
        return Math.sqrt(2 / Math.PI) * (x + GELU_CUBIC * Math.pow(x, 3));
    }

    /** {@code f(x)}, for finite {@code x}. */
    static double forward(Activation f, double x) {
        return switch (f.kind()) {
            case IDENTITY -> x;
            case RELU -> Math.max(x, 0.0);
            case LEAKY_RELU -> x > 0 ? x : f.negativeSlope() * x;
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case GELU -> x * normalCdf(x);
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(tanhInner(x)));
            case SILU -> x * sigmoid(x);
            case ELU -> x > 0 ? x : f.alpha() * Math.expm1(x);
            case SOFTPLUS -> f.beta() * x > f.threshold() ? x : Math.log1p(Math.exp(f.beta() * x)) / f.beta();
        };
    }

    /** {@code dy f'(x)}, for finite {@code x}, given the output {@code y} where PyTorch reads it. */
    static double backward(Activation f, double x, double y, double dy) {
        return switch (f.kind()) {
            case IDENTITY -> dy;
            case RELU -> y > 0 ? dy : 0.0;
            case LEAKY_RELU -> x > 0 ? dy : f.negativeSlope() * dy;
            case SIGMOID -> dy * y * (1 - y);
            case TANH -> dy * (1 - y * y);
            case GELU -> dy * (normalCdf(x) + x * normalPdf(x));
            case GELU_TANH -> {
                double t = Math.tanh(tanhInner(x));
                double dInner = Math.sqrt(2 / Math.PI) * (1 + 3 * GELU_CUBIC * x * x);
                yield dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner);
            }
            case SILU -> {
                double s = sigmoid(x);
                yield dy * (s + x * s * (1 - s));
            }
            case ELU -> x > 0 ? dy : dy * f.alpha() * Math.exp(x);
            case SOFTPLUS -> f.beta() * x > f.threshold() ? dy : dy * sigmoid(f.beta() * x);
        };
    }

    /**
     * At {@code x = NaN, +Infinity, -Infinity}: {@code f(x)}, then {@code f'(x)} (the backward
     * rule with {@code dy = 1} and {@code y = f(x)}), in both dtypes, as PyTorch 1.13.1 computes
     * them ({@code x * Phi(x)} at {@code -Infinity} is {@code -Infinity * 0}, NaN; ReLU's rule
     * tests {@code y <= 0}, false for NaN, so it passes {@code dy}; ELU's tests {@code x <= 0}
     * the same way; LeakyReLU's tests {@code x > 0}, so NaN gets the slope).
     */
    static double[] atSpecialValues(Activation f) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return switch (f.kind()) {
            case IDENTITY -> new double[] {nan, inf, -inf, 1, 1, 1};
            case RELU -> new double[] {nan, inf, 0, 1, 1, 0};
            case LEAKY_RELU -> new double[] {nan, inf, -inf, f.negativeSlope(), 1, f.negativeSlope()};
            case SIGMOID -> new double[] {nan, 1, 0, nan, 0, 0};
            case TANH -> new double[] {nan, 1, -1, nan, 0, 0};
            case GELU, GELU_TANH, SILU -> new double[] {nan, inf, nan, nan, nan, nan};
            case ELU -> new double[] {nan, inf, -f.alpha(), 1, 1, 0};
            case SOFTPLUS -> new double[] {nan, inf, 0, nan, 1, 0};
        };
    }

    /** Whether {@code f} is piecewise linear (identity, ReLU, LeakyReLU), with no transcendental function to round. */
    static boolean piecewiseLinear(Activation f) {
        return switch (f.kind()) {
            case IDENTITY, RELU, LEAKY_RELU -> true;
            case SIGMOID, TANH, GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> false;
        };
    }

    /** Whether the forward rule computes {@code 1 + erf} or {@code 1 + tanh}, which cancel for large negative x (GELU). */
    static boolean cancelsForNegativeX(Activation f) {
        return switch (f.kind()) {
            case GELU, GELU_TANH -> true;
            case IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, SILU, ELU, SOFTPLUS -> false;
        };
    }
}
