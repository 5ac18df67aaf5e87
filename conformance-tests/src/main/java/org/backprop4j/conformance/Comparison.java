package org.backprop4j.conformance;

import java.util.Arrays;
import org.backprop4j.api.Shape;

/** Compares actual values with expected ones under a {@link Tolerance}, element by element. */
public final class Comparison {
    private Comparison() {
    }

    /**
     * Compares a tensor. Shapes must match exactly; otherwise the result is a problem naming both.
     * The worst element is the one with the largest error relative to tolerance (the first of
     * equals), reported even when it matches, so a passing run shows how close it came.
     */
    public static QuantityResult compare(String quantity, Shape expectedShape, double[] expected, Shape actualShape,
                                         double[] actual, Tolerance tolerance) {
        if (!expectedShape.equals(actualShape)) {
            return new QuantityResult(quantity, expectedShape.dims(), expectedShape.size(), -1, Double.NaN, Double.NaN,
                    Double.POSITIVE_INFINITY, tolerance, "shape " + actualShape + "; expected " + expectedShape);
        }
        return compare(quantity, expectedShape.dims(), expected, actual, tolerance);
    }

    /** Compares a tensor given as {@link TensorData} with actual values of shape {@code actualShape}. */
    public static QuantityResult compare(String quantity, TensorData expected, Shape actualShape, double[] actual,
                                         Tolerance tolerance) {
        return compare(quantity, expected.shape(), expected.data(), actualShape, actual, tolerance);
    }

    /** Compares a scalar, such as the loss. */
    public static QuantityResult compareScalar(String quantity, double expected, double actual, Tolerance tolerance) {
        return compare(quantity, new int[0], new double[] {expected}, new double[] {actual}, tolerance);
    }

    /** Compares a sequence, such as the training losses: shape {@code [n]}; lengths must agree. */
    public static QuantityResult compareSequence(String quantity, double[] expected, double[] actual, Tolerance tolerance) {
        if (expected.length != actual.length) {
            return new QuantityResult(quantity, new int[] {expected.length}, expected.length, -1, Double.NaN, Double.NaN,
                    Double.POSITIVE_INFINITY, tolerance, actual.length + " values; expected " + expected.length);
        }
        return compare(quantity, new int[] {expected.length}, expected, actual, tolerance);
    }

    private static QuantityResult compare(String quantity, int[] dims, double[] expected, double[] actual,
                                          Tolerance tolerance) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException(quantity + ": " + actual.length + " actual values for "
                    + expected.length + " expected " + Arrays.toString(dims));
        }
        int mismatches = 0;
        int worst = 0;
        double worstRatio = -1;
        for (int i = 0; i < expected.length; i++) {
            double ratio = tolerance.errorRatio(actual[i], expected[i]);
            if (ratio > 1) {
                mismatches++;
            }
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
        }
        return new QuantityResult(quantity, dims, mismatches, worst, actual[worst], expected[worst], worstRatio,
                tolerance, null);
    }
}
