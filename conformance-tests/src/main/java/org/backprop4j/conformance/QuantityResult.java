package org.backprop4j.conformance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How one quantity of a case (e.g. {@code output}, {@code loss}, {@code grads.0.weight},
 * {@code train.losses}, {@code train.params.2.bias}) compared with its expected value.
 *
 * @param quantity      the quantity's name
 * @param dims          the expected shape ({@code []} for a scalar)
 * @param mismatches    how many elements are outside the tolerance (every element when {@code problem} is set)
 * @param worstIndex    the row-major index of the element with the largest error relative to tolerance, or -1
 * @param worstActual   that element's actual value
 * @param worstExpected that element's expected value
 * @param worstRatio    its error relative to tolerance, {@code |a - e| / (atol + rtol |e|)}: at most 1 passes
 * @param tolerance     the tolerance it was compared with (null when {@code problem} is set)
 * @param problem       why it could not be compared at all (a shape that differs, a rejected file,
 *                      an exception), or null
 */
public record QuantityResult(String quantity, int[] dims, int mismatches, int worstIndex, double worstActual,
                             double worstExpected, double worstRatio, Tolerance tolerance, String problem) {
    public QuantityResult {
        Objects.requireNonNull(quantity, "quantity");
        dims = dims.clone();
    }

    /** A quantity that could not be compared, e.g. {@code format} of a rejected file or {@code run} of a crash. */
    public static QuantityResult problem(String quantity, String problem) {
        return new QuantityResult(quantity, new int[0], 1, -1, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, null,
                Objects.requireNonNull(problem, "problem"));
    }

    public boolean passed() {
        return problem == null && mismatches == 0;
    }

    /** Number of elements compared: the product of {@link #dims} (1 for a scalar). */
    public int elements() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The worst element's index in the expected shape: {@code [1, 2]}, {@code [4]}, or {@code []} for a scalar. */
    public String worstElement() {
        if (worstIndex < 0) {
            return "-";
        }
        if (dims.length == 2) {
            return "[" + worstIndex / dims[1] + ", " + worstIndex % dims[1] + "]";
        }
        return dims.length == 1 ? "[" + worstIndex + "]" : "[]";
    }

    /**
     * One line: {@code grads.0.weight: 3 of 12 elements differ; worst [1, 2]: actual 0.5, expected
     * -0.5 (error 1.0e+07 x tolerance; rtol 1e-7, atol 1e-7)}.
     */
    public String describe() {
        if (problem != null) {
            return quantity + ": " + problem;
        }
        String shape = dims.length == 0 ? "scalar" : Arrays.toString(dims);
        String head = mismatches == 0 ? quantity + " " + shape + ": all " + elements() + " elements match"
                : quantity + " " + shape + ": " + mismatches + " of " + elements() + " elements differ";
        return head + "; worst " + worstElement() + ": actual " + worstActual + ", expected " + worstExpected
                + " (error " + String.format(Locale.ROOT, "%.3g", worstRatio) + " x tolerance; " + tolerance + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantityResult q && q.quantity.equals(quantity) && Arrays.equals(q.dims, dims)
                && q.mismatches == mismatches && q.worstIndex == worstIndex
                && Double.compare(q.worstActual, worstActual) == 0 && Double.compare(q.worstExpected, worstExpected) == 0
                && Double.compare(q.worstRatio, worstRatio) == 0 && Objects.equals(q.tolerance, tolerance)
                && Objects.equals(q.problem, problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quantity, Arrays.hashCode(dims), mismatches, worstIndex, worstRatio, problem);
    }

    @Override
    public String toString() {
        return describe();
    }
}
