package org.backprop4j.api;

/**
 * Elementwise unary operations that optimizers need: {@code out_i = op(a_i)}. Activation
 * functions, which come with a derivative, are in {@link Activation}.
 */
public enum UnaryOp {
    /** {@code sqrt(a)}; NaN for negative {@code a}, {@code -0.0} for {@code -0.0}. */
    SQRT,
    /** {@code a * a}. */
    SQUARE;

    /** {@code op(a)} for one element: the reference definition that loop-based backends apply. */
    public double apply(double a) {
        return switch (this) {
            case SQRT -> Math.sqrt(a);
            case SQUARE -> a * a;
        };
    }
}
