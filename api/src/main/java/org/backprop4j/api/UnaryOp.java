package org.backprop4j.api;

/**
 * Elementwise unary operations: {@code out_i = op(a_i)}, IEEE 754 throughout (no exceptions).
 * Activation functions, which come with a derivative, are in {@link Activation}; these are the
 * pieces optimizers and losses are built from.
 */
public enum UnaryOp {
    /** {@code sqrt(a)}; NaN for negative {@code a}, {@code -0.0} for {@code -0.0}. */
    SQRT,
    /** {@code a * a}. */
    SQUARE,
    /** {@code exp(a)}; {@code +Infinity} when it overflows (above about 88.7 in float32, 709.8 in float64), {@code +0.0} for {@code -Infinity}. */
    EXP,
    /** The natural logarithm; {@code -Infinity} for {@code ±0.0}, NaN for negative {@code a}. */
    LOG,
    /** {@code |a|}; {@code +0.0} for {@code -0.0}. */
    ABS,
    /**
     * The sign: {@code -1}, {@code 0} or {@code 1}; {@code ±0.0} gives {@code +0.0}, as
     * {@code torch.sign}. NaN gives NaN, where PyTorch 1.13's CPU kernel gives 0: a NaN is never
     * turned into a number here (the loss it came from is NaN in both, so training stops either way).
     */
    SIGN;

    /** {@code op(a)} for one element: the reference definition that loop-based backends apply. */
    public double apply(double a) {
        return switch (this) {
            case SQRT -> Math.sqrt(a);
            case SQUARE -> a * a;
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case ABS -> Math.abs(a);
            case SIGN -> a > 0 ? 1.0 : a < 0 ? -1.0 : (a == a ? 0.0 : a); // a == a is false only for NaN
        };
    }
}
