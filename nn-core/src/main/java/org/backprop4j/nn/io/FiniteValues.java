package org.backprop4j.nn.io;

import java.util.Arrays;
import org.backprop4j.api.DType;

/**
 * The checks that keep non-finite numbers out of a model: one NaN weight makes every prediction
 * NaN, and a float64 value beyond float32's range becomes an infinity when a float32 model holds
 * it ({@code 1e300} becomes {@code Infinity}). A value is acceptable for a dtype when it is
 * finite and stays finite when rounded to that dtype: for float32, {@code |v|} at most
 * {@link Float#MAX_VALUE} (a value a little above it still rounds down to it, and is accepted).
 */
public final class FiniteValues {
    private FiniteValues() {
    }

    /**
     * What is wrong with {@code value} in {@code dtype}, as a phrase after the value's name
     * ({@code "is NaN"}, {@code "is 1.0E300, beyond float32's range of ±3.4028235E38"}), or null when it is fine.
     */
    public static String problem(double value, DType dtype) {
        if (!Double.isFinite(value)) {
            return "is " + value;
        }
        if (!Double.isFinite(dtype.round(value))) {
            return "is " + value + ", beyond " + dtype + "'s range of ±" + Float.MAX_VALUE;
        }
        return null;
    }

    /**
     * Checks every element of a tensor that a {@code dtype} model is to hold.
     *
     * @param values the elements, row-major; not modified
     * @param shape  the tensor's shape, to name an element by its index
     * @param where  names the tensor in the message, e.g. {@code model.safetensors: tensor '0.weight'}
     * @throws ModelFormatException naming the tensor, the first bad element's index and its value
     */
    public static void checkWeights(double[] values, int[] shape, DType dtype, String where)
            throws ModelFormatException {
        for (int i = 0; i < values.length; i++) {
            String problem = problem(values[i], dtype);
            if (problem != null) {
                throw new ModelFormatException(where + " element " + index(i, shape) + " " + problem
                        + "; expected finite weights");
            }
        }
    }

    /** The row-major index {@code flat} of a tensor of {@code shape} as {@code [i, j, ...]}. */
    static String index(int flat, int[] shape) {
        if (shape.length == 0) {
            return "[]";
        }
        int[] at = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Arrays.toString(at);
    }
}
