package org.backprop4j.backend.vector;

import java.util.Arrays;
import java.util.EnumSet;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.ProductSelfTest;
import org.backprop4j.api.spi.TensorOps;

/**
 * Everything the provider needs from the Vector API itself, in a class of its own: the provider
 * calls it only after finding the incubator module, so that without the module the provider still
 * loads and can say which flag to add.
 */
final class VectorRuntime {
    /** The narrowest preferred vector the backend accepts: below it, SIMD gains too little. */
    static final int MIN_VECTOR_BITS = 256;

    private VectorRuntime() {
    }

    /** The width of the JDK's preferred float vector on this CPU, e.g. 512 with AVX-512. */
    static int vectorBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** The ops, with products on {@code threads} threads. */
    static TensorOps create(int threads) {
        return new VectorOps(threads);
    }

    /**
     * Checks the ops on small integers, whose products are exact in float32: a 2x2 product
     * ({@link ProductSelfTest}), and the packed product on a few tiles with edges, in both dtypes. Small, because until the JIT
     * has compiled them Vector API operations run a hundred times slower than scalar code: a
     * 48x48x48 product took over a second here. Then describes the vector shapes, tiles and
     * threads, e.g. {@code float32 16 lanes, float64 8 lanes (512-bit vectors); register tile
     * 12x32 (float32), 12x16 (float64); 2 threads}.
     *
     * @throws IllegalStateException naming the product and the first wrong element
     */
    static String selfTest(int threads) {
        TensorOps ops = create(threads);
        ProductSelfTest.firstFailure(ops, EnumSet.allOf(DType.class)).ifPresent(failure -> {
            throw new IllegalStateException(failure);
        });
        checkPacked(Float32Gemm.MR + 1, Float32Gemm.NR + 1, 3, (a, b, c, m, n, k) -> {
            float[] fa = toFloats(a);
            float[] fb = toFloats(b);
            float[] fc = new float[m * n];
            Float32Gemm.packed(1, fa, false, fb, true, 0, fc, m, n, k);
            for (int i = 0; i < c.length; i++) {
                c[i] = fc[i];
            }
        });
        checkPacked(Float64Gemm.MR + 1, Float64Gemm.NR + 1, 3,
                (a, b, c, m, n, k) -> Float64Gemm.packed(1, a, false, b, true, 0, c, m, n, k));
        return "float32 " + FloatVector.SPECIES_PREFERRED.length() + " lanes, float64 "
                + DoubleVector.SPECIES_PREFERRED.length() + " lanes (" + vectorBits() + "-bit vectors); register tile "
                + Float32Gemm.MR + "x" + Float32Gemm.NR + " (float32), " + Float64Gemm.MR + "x" + Float64Gemm.NR
                + " (float64); " + threads + (threads == 1 ? " thread" : " threads");
    }

    /** A product {@code c = a b^T} of row-major doubles, {@code a [m, k]}, {@code b [n, k]}. */
    @FunctionalInterface
    private interface Product {
        void multiply(double[] a, double[] b, double[] c, int m, int n, int k);
    }

    /** {@code a b^T} for {@code a_ip = i - p}, {@code b_jp = (j + 2 p) mod 5}, against the exact product. */
    private static void checkPacked(int m, int n, int k, Product product) {
        double[] a = new double[m * k];
        double[] b = new double[n * k];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                a[i * k + p] = i - p;
            }
            for (int j = 0; j < n; j++) {
                b[j * k + p] = (j + 2 * p) % 5;
            }
        }
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    expected[i * n + j] += a[i * k + p] * b[j * k + p];
                }
            }
        }
        double[] c = new double[m * n];
        product.multiply(a, b, c, m, n, k);
        check("packed " + m + "x" + n + "x" + k + " product", c, expected);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void check(String what, double[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (actual[i] != expected[i]) {
                throw new IllegalStateException(what + ": element " + i + " is " + actual[i] + "; expected "
                        + expected[i] + " (first elements " + Arrays.toString(Arrays.copyOf(actual, Math.min(4,
                        actual.length))) + ")");
            }
        }
    }
}
