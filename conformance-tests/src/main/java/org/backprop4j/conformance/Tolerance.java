package org.backprop4j.conformance;

import org.backprop4j.api.DType;

/**
 * The comparison rule of the case format, {@code torch.testing.assert_close}'s: an actual value
 * {@code a} matches an expected value {@code e} when {@code |a - e| <= atol + rtol * |e|}. NaN
 * matches NaN; an infinity matches only the same infinity.
 *
 * @param rtol relative tolerance, a finite number {@code >= 0}
 * @param atol absolute tolerance, a finite number {@code >= 0}
 */
public record Tolerance(double rtol, double atol) {
    /** PyTorch's default for float64: rtol 1e-7, atol 1e-7. */
    public static final Tolerance FLOAT64 = new Tolerance(1e-7, 1e-7);
    /** PyTorch's default for float32: rtol 1.3e-6, atol 1e-5. */
    public static final Tolerance FLOAT32 = new Tolerance(1.3e-6, 1e-5);
    /** {@code torch.autograd.gradcheck}'s tolerance for finite differences: rtol 1e-3, atol 1e-5. */
    public static final Tolerance GRADCHECK = new Tolerance(1e-3, 1e-5);

    public Tolerance {
        requireValid("rtol", rtol);
        requireValid("atol", atol);
    }

    private static void requireValid(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) { // not value < 0: rejects NaN too
            throw new IllegalArgumentException(what + " (" + value + ") must be a finite number >= 0");
        }
    }

    /** The default for {@code dtype} when a case names none. */
    public static Tolerance forDType(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    /** Whether {@code actual} matches {@code expected} under this tolerance. */
    public boolean matches(double actual, double expected) {
        return errorRatio(actual, expected) <= 1;
    }

    /**
     * How much of the tolerance the error uses: {@code |a - e| / (atol + rtol |e|)}, so a value
     * matches when this is at most 1. 0 for identical values (NaN and NaN, the same infinity);
     * positive infinity for a NaN or infinity that does not match, and for any difference at all
     * when both tolerances are 0.
     */
    public double errorRatio(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected ? 0 : Double.POSITIVE_INFINITY;
        }
        double error = Math.abs(actual - expected);
        if (error == 0) {
            return 0;
        }
        double bound = atol + rtol * Math.abs(expected);
        return bound == 0 ? Double.POSITIVE_INFINITY : error / bound;
    }

    @Override
    public String toString() {
        return "rtol " + rtol + ", atol " + atol;
    }
}
