package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Products above {@link EjmlOps#CONCURRENT_MULTIPLY_ADDS}, which the shipped backend hands to
 * EJML's concurrent kernels when EJML runs threads, give the serial kernels' results bit for bit:
 * both compute each row of {@code c} by the same loop, the concurrent ones only split the rows
 * between threads.
 */
class EjmlConcurrentProductTest {
    private final Backend concurrent = Backend.wrap(new ThresholdEjmlProvider(EjmlOps.CONCURRENT_MULTIPLY_ADDS));
    private final Backend serial = Backend.wrap(new ThresholdEjmlProvider(Long.MAX_VALUE));

    private static double[] random(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        return rng.doubles(n, -1, 1).toArray();
    }

    @ParameterizedTest(name = "{0} [{1}, {2}] x [{2}, {3}], transposeA {4}, transposeB {5}, beta {6}")
    @CsvSource({
        "FLOAT64, 128, 100, 96, false, false, 0",
        "FLOAT64, 128, 100, 96, true, false, 1",
        "FLOAT64, 128, 100, 96, false, true, 0.5",
        "FLOAT64, 128, 100, 96, true, true, 0",
        "FLOAT32, 100, 120, 96, false, false, 1",
        "FLOAT32, 100, 120, 96, true, false, 0",
        "FLOAT32, 100, 120, 96, false, true, 0",
        "FLOAT32, 100, 120, 96, true, true, -2",
    })
    void concurrentProductsEqualSerialOnes(DType dtype, int m, int k, int n, boolean ta, boolean tb, double beta) {
        assertThat((long) m * k * n).isGreaterThanOrEqualTo(EjmlOps.CONCURRENT_MULTIPLY_ADDS);
        Shape aShape = ta ? Shape.matrix(k, m) : Shape.matrix(m, k);
        Shape bShape = tb ? Shape.matrix(n, k) : Shape.matrix(k, n);
        double[] av = random(1, m * k);
        double[] bv = random(2, k * n);
        double[] cv = random(3, m * n);
        if (beta == 0) {
            Arrays.fill(cv, Double.NaN); // not read when beta == 0
        }
        double[][] results = new double[2][];
        Backend[] backends = {concurrent, serial};
        for (int i = 0; i < 2; i++) {
            Backend be = backends[i];
            Tensor c = be.fromArray(dtype, Shape.matrix(m, n), cv);
            be.gemm(0.75, be.fromArray(dtype, aShape, av), ta, be.fromArray(dtype, bShape, bv), tb, beta, c);
            results[i] = be.toDoubleArray(c);
        }
        assertThat(results[0]).doesNotContain(Double.NaN).containsExactly(results[1]);
    }
}
