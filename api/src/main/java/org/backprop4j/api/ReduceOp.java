package org.backprop4j.api;

/**
 * Reductions along the rows of a matrix ({@link Backend#rowReduce}): {@code out_i = op_j a_ij}.
 * These, with {@link UnaryOp#EXP}, {@link UnaryOp#LOG} and {@link Backend#rowBroadcast}, are the
 * primitives softmax, log-softmax and the cross-entropy losses are built from (log-sum-exp:
 * {@code m_i = max_j x_ij}, {@code lse_i = m_i + log sum_j exp(x_ij - m_i)}).
 */
public enum ReduceOp {
    /** {@code sum_j a_ij}. */
    SUM,
    /**
     * {@code max_j a_ij}; NaN if any element of the row is NaN (as {@code torch.amax}),
     * {@code -Infinity} for a row of {@code -Infinity}.
     */
    MAX;

    /** The value a reduction starts from: 0 for SUM, {@code -Infinity} for MAX. */
    public double identity() {
        return switch (this) {
            case SUM -> 0.0;
            case MAX -> Double.NEGATIVE_INFINITY;
        };
    }

    /** One step of the reduction, {@code acc op a}: the reference definition loop-based backends apply. */
    public double apply(double acc, double a) {
        return switch (this) {
            case SUM -> acc + a;
            case MAX -> Math.max(acc, a);
        };
    }
}
