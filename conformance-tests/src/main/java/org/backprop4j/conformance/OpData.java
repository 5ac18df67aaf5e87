package org.backprop4j.conformance;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.backprop4j.api.DType;

/** Seeded operands for the op contract's checks, rounded to the dtype they are stored in. */
final class OpData {
    private OpData() {
    }

    /** {@code n} values uniform in [-2, 2), every seventh exactly 0, rounded to {@code dtype}. */
    static double[] random(long seed, int n, DType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 3 ? 0.0 : dtype.round(rng.nextDouble(-2, 2));
        }
        return v;
    }

    /** {@code n} values uniform in [0.5, 2.5), away from 0 so that they can divide and have logarithms. */
    static double[] positive(long seed, int n, DType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = dtype.round(rng.nextDouble(0.5, 2.5));
        }
        return v;
    }

    /** {@link #random} with every eleventh value times 8, into the saturated range of sigmoid, tanh and their kin. */
    static double[] wide(long seed, int n, DType dtype) {
        double[] v = random(seed, n, dtype);
        for (int i = 0; i < n; i += 11) {
            v[i] *= 8; // exact: a power of two
        }
        return v;
    }

    static double[] abs(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }

    static double[] rounded(DType dtype, double... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.round(values[i]);
        }
        return v;
    }

    /** {@code m}, row-major {@code [rows, cols]}, stored transposed ({@code [cols, rows]}) when {@code transpose}. */
    static double[] stored(double[] m, int rows, int cols, boolean transpose) {
        if (!transpose) {
            return m.clone();
        }
        double[] t = new double[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }
}
