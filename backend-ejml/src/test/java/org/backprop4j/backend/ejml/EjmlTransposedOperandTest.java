package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Products {@code op(a) b^T} large enough for {@link EjmlOps#gemm} to copy {@code b^T} into the
 * output's scratch matrix ({@link EjmlOps#copiesTransposedB}) compute what EJML's
 * {@code multTransB}/{@code multTransAB} compute, reuse the scratch without reading stale values,
 * and allocate nothing once warm. All on the serial kernels, so that nothing depends on EJML's
 * thread setting.
 */
class EjmlTransposedOperandTest {
    private final Backend backend = Backend.wrap(new ThresholdEjmlProvider(Long.MAX_VALUE));

    private static double[] random(long seed, int n) {
        return new SplittableRandom(seed).doubles(n, -1, 1).toArray();
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** {@code op(a) b^T} by EJML's dot-product kernels, the path below the copy rule. */
    private static double[] byEjmlTransB(DType dtype, int m, int k, int n, boolean ta, double[] av, double[] bv) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        if (dtype == DType.FLOAT64) {
            DMatrixRMaj a = DMatrixRMaj.wrap(aRows, aCols, av.clone());
            DMatrixRMaj b = DMatrixRMaj.wrap(n, k, bv.clone());
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            if (ta) {
                CommonOps_DDRM.multTransAB(a, b, c);
            } else {
                CommonOps_DDRM.multTransB(a, b, c);
            }
            return c.data;
        }
        FMatrixRMaj a = FMatrixRMaj.wrap(aRows, aCols, toFloat(av));
        FMatrixRMaj b = FMatrixRMaj.wrap(n, k, toFloat(bv));
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        if (ta) {
            CommonOps_FDRM.multTransAB(a, b, c);
        } else {
            CommonOps_FDRM.multTransB(a, b, c);
        }
        double[] out = new double[c.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.data[i];
        }
        return out;
    }

    private double[] gemm(DType dtype, int m, int k, int n, boolean ta, double alpha, double[] av, double[] bv,
                          double beta, Tensor c) {
        Tensor a = backend.fromArray(dtype, ta ? Shape.matrix(k, m) : Shape.matrix(m, k), av);
        Tensor b = backend.fromArray(dtype, Shape.matrix(n, k), bv);
        backend.gemm(alpha, a, ta, b, true, beta, c);
        return backend.toDoubleArray(c);
    }

    @ParameterizedTest(name = "{0} [{1}, {2}] x [{2}, {3}]^T, transposeA {4}")
    @CsvSource({
        "FLOAT64, 8, 33, 32, false",
        "FLOAT64, 8, 33, 32, true",
        "FLOAT64, 40, 70, 50, false",
        "FLOAT64, 40, 70, 50, true",
        "FLOAT32, 8, 33, 32, false",
        "FLOAT32, 8, 33, 32, true",
        "FLOAT32, 40, 70, 50, false",
        "FLOAT32, 40, 70, 50, true",
    })
    void withAlphaOneAndBetaZeroTheCopyGivesEjmlsTransBResultBitForBit(DType dtype, int m, int k, int n, boolean ta) {
        assertThat(EjmlOps.copiesTransposedB(m, n)).isTrue();
        double[] av = random(1, m * k);
        double[] bv = random(2, n * k);
        double[] nan = new double[m * n];
        Arrays.fill(nan, Double.NaN); // beta 0: c is not read
        Tensor c = backend.fromArray(dtype, Shape.matrix(m, n), nan);
        assertThat(gemm(dtype, m, k, n, ta, 1.0, av, bv, 0.0, c))
                .containsExactly(byEjmlTransB(dtype, m, k, n, ta, av, bv));
    }

    @ParameterizedTest(name = "{0} [{1}, {2}] x [{2}, {3}]^T, transposeA {4}, alpha {5}, beta {6}")
    @CsvSource({
        "FLOAT64, 12, 40, 36, false, 0.75, 1",
        "FLOAT64, 12, 40, 36, true, -2, 0.5",
        "FLOAT32, 12, 40, 36, false, 0.75, -0.5",
        "FLOAT32, 12, 40, 36, true, -2, 1",
    })
    void withAlphaAndBetaTheCopyComputesAlphaOpABTransposedPlusBetaC(DType dtype, int m, int k, int n, boolean ta,
                                                                   double alpha, double beta) {
        assertThat(EjmlOps.copiesTransposedB(m, n)).isTrue();
        double[] av = random(3, m * k);
        double[] bv = random(4, n * k);
        double[] cv = random(5, m * n);
        if (dtype == DType.FLOAT32) { // the inputs as float32 holds them, so that only the arithmetic differs
            av = backend.toDoubleArray(backend.fromArray(dtype, Shape.vector(av.length), av));
            bv = backend.toDoubleArray(backend.fromArray(dtype, Shape.vector(bv.length), bv));
            cv = backend.toDoubleArray(backend.fromArray(dtype, Shape.vector(cv.length), cv));
        }
        Tensor c = backend.fromArray(dtype, Shape.matrix(m, n), cv);
        double[] got = gemm(dtype, m, k, n, ta, alpha, av, bv, beta, c);
        double eps = dtype == DType.FLOAT64 ? 0x1p-52 : 0x1p-23;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? av[p * m + i] : av[i * k + p];
                    sum += x * bv[j * k + p];
                    magnitude += Math.abs(x * bv[j * k + p]);
                }
                double expected = alpha * sum + beta * cv[i * n + j];
                double bound = 4.0 * (k + 2) * eps * (Math.abs(alpha) * magnitude + Math.abs(beta * cv[i * n + j]));
                assertThat(got[i * n + j]).as("c[%d, %d]", i, j).isCloseTo(expected, within(bound));
            }
        }
    }

    @Test
    void theScratchIsRewrittenForEveryProductIntoTheSameOutput() {
        int m = 16;
        int n = 48;
        Tensor c = backend.zeros(DType.FLOAT64, Shape.matrix(m, n));
        for (int[] round : new int[][] {{40, 6}, {40, 7}, {24, 8}, {56, 9}}) { // k shrinks and grows, b changes
            int k = round[0];
            double[] av = random(round[1], m * k);
            double[] bv = random(round[1] + 100, n * k);
            assertThat(gemm(DType.FLOAT64, m, k, n, false, 1.0, av, bv, 0.0, c)).as("k = %d", k)
                    .containsExactly(byEjmlTransB(DType.FLOAT64, m, k, n, false, av, bv));
        }
    }

    @Test
    void aWarmProductThatCopiesTheTransposeAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        for (DType dtype : DType.values()) {
            Tensor a = backend.fromArray(dtype, Shape.matrix(16, 64), random(6, 16 * 64));
            Tensor b = backend.fromArray(dtype, Shape.matrix(64, 64), random(7, 64 * 64));
            Tensor c = backend.zeros(dtype, Shape.matrix(16, 64));
            for (int i = 0; i < 5_000; i++) { // let the JIT compile
                backend.gemm(1.0, a, false, b, true, i % 2, c);
            }
            long threadId = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 1_000; i++) {
                backend.gemm(1.0, a, false, b, true, i % 2, c);
            }
            long perProduct = (threads.getThreadAllocatedBytes(threadId) - before) / 1_000;
            assertThat(perProduct).as("%s bytes allocated per warm product", dtype).isLessThan(16);
        }
    }
}
