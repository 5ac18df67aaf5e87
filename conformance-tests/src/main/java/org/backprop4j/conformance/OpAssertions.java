package org.backprop4j.conformance;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;

/**
 * How the op contract ({@link OpContract}) compares an op's result with what it should be, as a
 * {@link QuantityResult} per tensor. An op is either exact (storage, copies, sums of small
 * integers, the special values the facade documents: compared bit for bit) or rounded (compared
 * within a few units of roundoff of the magnitude of the terms involved, so that cancellation
 * does not turn a correct result into a false failure).
 *
 * <p>A rounded comparison is reported as a {@link Tolerance}: {@code rtol = k u} and
 * {@code atol = k u s + floor}, where {@code k} is the op's allowance in units of roundoff,
 * {@code u} the dtype's unit roundoff, {@code s} the magnitude of the terms of the element shown
 * (the worst one; each element is judged with its own) and {@code floor} the spacing of the
 * dtype's subnormal numbers. An exact comparison is reported as {@code rtol 0.0, atol 0.0}.
 */
final class OpAssertions {
    /** What an exact comparison is reported with. */
    static final Tolerance EXACT = new Tolerance(0, 0);
    /** The allowance of the piecewise-linear activations in both dtypes, and of every transcendental op in float32. */
    static final double ELEMENTWISE_ULPS = 8;
    /** The allowance of transcendental ops in float64 (libm results may differ by a few ulps, and so may erf). */
    static final double TRANSCENDENTAL_ULPS = 32;

    private OpAssertions() {
    }

    /** The allowance of a transcendental op (EXP, LOG, sigmoid, GELU, ...) in {@code dtype}. */
    static double transcendentalUlps(DType dtype) {
        return dtype == DType.FLOAT64 ? TRANSCENDENTAL_ULPS : ELEMENTWISE_ULPS;
    }

    /** Unit roundoff {@code u}: 2^-24 for float32, 2^-53 for float64 (half a unit in the last place of 1). */
    static double unitRoundoff(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /**
     * Every element of {@code actual} is {@code expected}'s, bit for bit except that all NaNs are
     * equal: {@code -0.0} and {@code +0.0} differ.
     */
    static QuantityResult exact(String quantity, Shape shape, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return lengths(quantity, shape, expected, actual);
        }
        int mismatches = 0;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) { // Double.compare: NaN == NaN, -0.0 < 0.0
                if (mismatches == 0) {
                    worst = i;
                }
                mismatches++;
            }
        }
        return new QuantityResult(quantity, shape.dims(), mismatches, worst, actual[worst], expected[worst],
                mismatches == 0 ? 0 : Double.POSITIVE_INFINITY, EXACT, null);
    }

    /**
     * Every element is {@code expected}'s within {@code |a - e| <= k u (|e| + s_i) + floor}, where
     * {@code k} is {@code ulps}, {@code u} the dtype's unit roundoff and {@code s_i} the magnitude
     * of the terms that were added to make element {@code i} ({@code scale[i]}, or 0 for every
     * element when {@code scale} is null: no cancellation to allow for). NaN must be NaN, an
     * infinity the same infinity, and a zero result may have either sign. With {@code ulps} 0 this
     * is {@link #exact} except for the sign of zeros.
     */
    static QuantityResult close(String quantity, Shape shape, DType dtype, double ulps, double[] expected,
                                double[] actual, double[] scale) {
        if (expected.length != actual.length) {
            return lengths(quantity, shape, expected, actual);
        }
        double rtol = ulps * unitRoundoff(dtype);
        // below the smallest normal number the relative bound no longer holds; allow the subnormal spacing
        double floor = ulps * (dtype == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE);
        int mismatches = 0;
        int worst = 0;
        double worstRatio = -1;
        for (int i = 0; i < expected.length; i++) {
            double atol = rtol * (scale == null ? 0 : scale[i]) + floor;
            double ratio = errorRatio(actual[i], expected[i], rtol, atol);
            if (ratio > 1) {
                mismatches++;
            }
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
        }
        double worstAtol = rtol * (scale == null ? 0 : scale[worst]) + floor;
        return new QuantityResult(quantity, shape.dims(), mismatches, worst, actual[worst], expected[worst],
                worstRatio, new Tolerance(rtol, worstAtol), null);
    }

    /** {@code |a - e| / (rtol |e| + atol)}; 0 for equal values (NaN and NaN, +0 and -0), infinite for a NaN or infinity that does not match. */
    private static double errorRatio(double a, double e, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return a == e ? 0 : Double.POSITIVE_INFINITY;
        }
        double error = Math.abs(a - e);
        if (error == 0) {
            return 0;
        }
        double bound = rtol * Math.abs(e) + atol;
        return bound == 0 ? Double.POSITIVE_INFINITY : error / bound;
    }

    /**
     * Every element of a float32 result is a float: {@code (double) (float) v == v} (NaN aside).
     * Shown as the first element that is not, with the nearest float as the expected value.
     */
    static QuantityResult representable(String quantity, Shape shape, DType dtype, double[] actual) {
        int mismatches = 0;
        int worst = 0;
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < actual.length; i++) {
                double v = actual[i];
                if (!Double.isNaN(v) && (double) (float) v != v) {
                    if (mismatches == 0) {
                        worst = i;
                    }
                    mismatches++;
                }
            }
        }
        return new QuantityResult(quantity + " holds float32 values", shape.dims(), mismatches, worst, actual[worst],
                (float) actual[worst], mismatches == 0 ? 0 : Double.POSITIVE_INFINITY, EXACT, null);
    }

    /** A statement about the op that holds or not, e.g. that the facade rejected an argument; {@code problem} says what went wrong. */
    static QuantityResult holds(String quantity, boolean holds, String problem) {
        return holds ? new QuantityResult(quantity, new int[0], 0, 0, 1, 1, 0, EXACT, null)
                : QuantityResult.problem(quantity, problem);
    }

    private static QuantityResult lengths(String quantity, Shape shape, double[] expected, double[] actual) {
        return QuantityResult.problem(quantity, actual.length + " elements; expected " + expected.length
                + " for shape " + shape);
    }
}
