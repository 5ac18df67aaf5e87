package org.backprop4j.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
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
     * Multiplies on the unpacked and the packed paths in both dtypes and compares with the exact
     * product of small integers, then describes the vector shapes, tiles and threads, e.g.
     * {@code float32 16 lanes, float64 8 lanes (512-bit vectors); register tile 12x32 (float32),
     * 12x16 (float64); 2 threads}.
     *
     * @throws IllegalStateException naming the product and the first wrong element
     */
    static String selfTest(int threads) {
        TensorOps ops = create(threads);
        for (DType dtype : DType.values()) {
            for (int n : new int[] {2, 48}) { // 8 multiply-adds unpacked, 110592 packed
                checkProduct(ops, dtype, n);
            }
        }
        return "float32 " + FloatVector.SPECIES_PREFERRED.length() + " lanes, float64 "
                + DoubleVector.SPECIES_PREFERRED.length() + " lanes (" + vectorBits() + "-bit vectors); register tile "
                + Float32Gemm.MR + "x" + Float32Gemm.NR + " (float32), " + Float64Gemm.MR + "x" + Float64Gemm.NR
                + " (float64); " + threads + (threads == 1 ? " thread" : " threads");
    }

    /** {@code c = a b} for {@code a_ij = i - j}, {@code b_ij = (i + 2 j) mod 5}: small integers, exact in float32. */
    private static void checkProduct(TensorOps ops, DType dtype, int n) {
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = i - j;
                b[i * n + j] = (i + 2 * j) % 5;
            }
        }
        Tensor ta = ops.zeros(dtype, Shape.matrix(n, n));
        Tensor tb = ops.zeros(dtype, Shape.matrix(n, n));
        Tensor tc = ops.zeros(dtype, Shape.matrix(n, n));
        ops.copyIn(a, ta);
        ops.copyIn(b, tb);
        ops.gemm(1.0, ta, false, tb, false, 0.0, tc);
        double[] c = new double[n * n];
        ops.copyOut(tc, c);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < n; p++) {
                    expected += a[i * n + p] * b[p * n + j];
                }
                if (c[i * n + j] != expected) {
                    throw new IllegalStateException(dtype + " " + n + "x" + n + " product: element (" + i + ", " + j
                            + ") is " + c[i * n + j] + "; expected " + expected + " (first elements "
                            + Arrays.toString(Arrays.copyOf(c, Math.min(4, c.length))) + ")");
                }
            }
        }
    }
}
