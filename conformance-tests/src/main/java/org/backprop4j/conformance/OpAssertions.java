package org.backprop4j.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import org.backprop4j.api.DType;

/**
 * Assertions for op results, used by {@link BackendOpsContract}. An op is either exact (storage,
 * copies, sums of small integers: compared bit for bit) or rounded (compared within a bound of a
 * few units of roundoff of the magnitude of the terms involved, so cancellation does not turn a
 * correct result into a false failure).
 */
final class OpAssertions {
    private OpAssertions() {
    }

    /** Unit roundoff {@code u}: 2^-24 for float32, 2^-53 for float64 (half a unit in the last place of 1). */
    static double unitRoundoff(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /**
     * Every element of {@code actual} is {@code expected}'s, bit for bit except that all NaNs are
     * equal: {@code -0.0} and {@code +0.0} differ.
     */
    static void assertBitwise(String what, double[] expected, double[] actual) {
        assertLength(what, expected, actual);
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) { // Double.compare: NaN == NaN, -0.0 < 0.0
                fail(what + "[" + i + "]: got " + actual[i] + "; expected exactly " + expected[i]);
            }
        }
    }

    /**
     * Every element is {@code expected}'s within {@code |a - e| <= ulps * u * (|e| + scale_i)}, where
     * {@code u} is the dtype's unit roundoff and {@code scale_i} the magnitude of the terms that were
     * added to make element {@code i} (0 when there was no cancellation to allow for). NaN must
     * be NaN, an infinity the same infinity, and zero results may have either sign.
     */
    static void assertClose(String what, DType dtype, double ulps, double[] expected, double[] actual, double[] scale) {
        assertLength(what, expected, actual);
        double u = unitRoundoff(dtype);
        // Below float32's smallest normal number the relative bound no longer holds; allow its spacing.
        double floor = dtype == DType.FLOAT32 ? ulps * Float.MIN_VALUE : ulps * Double.MIN_VALUE;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok;
            if (Double.isNaN(e)) {
                ok = Double.isNaN(a);
            } else if (Double.isInfinite(e)) {
                ok = a == e;
            } else {
                double s = scale == null ? 0 : scale[i];
                ok = Math.abs(a - e) <= ulps * u * (Math.abs(e) + s) + floor; // not !(>): NaN in a fails
            }
            if (!ok) {
                fail(what + "[" + i + "]: got " + a + "; expected " + e + " within " + ulps + " units of roundoff");
            }
        }
    }

    /** {@link #assertClose} with no cancellation allowance. */
    static void assertClose(String what, DType dtype, double ulps, double[] expected, double[] actual) {
        assertClose(what, dtype, ulps, expected, actual, null);
    }

    /** Every element of a float32 result is a float: {@code (double) (float) v == v}. */
    static void assertRepresentable(String what, DType dtype, double[] actual) {
        if (dtype != DType.FLOAT32) {
            return;
        }
        for (int i = 0; i < actual.length; i++) {
            double v = actual[i];
            if (!Double.isNaN(v) && (double) (float) v != v) {
                fail(what + "[" + i + "]: " + v + " is not a float32 value (nearest float32: " + (float) v + ")");
            }
        }
    }

    private static void assertLength(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements; expected " + expected.length);
        }
    }
}
