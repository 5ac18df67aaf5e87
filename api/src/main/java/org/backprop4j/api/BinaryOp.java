package org.backprop4j.api;

/**
 * Elementwise binary operations on two operands: {@code out_i = a_i op b_i}. IEEE 754 semantics
 * throughout (division by zero gives an infinity or NaN; no exception).
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code max(a, b)}; NaN if either is NaN, as {@code torch.maximum} and {@link Math#max}. */
    MAX,
    /** {@code min(a, b)}; NaN if either is NaN, as {@code torch.minimum} and {@link Math#min}. */
    MIN;

    /** {@code a op b} for one element: the reference definition that loop-based backends apply. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
