package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several Java threads, each with its own tensors, can use the backend at once: a server with a
 * model per thread does. Each thread's products are large enough (128 x 256 x 256) for OpenBLAS
 * to split them over its threads when it has more than one (the default on a multi-core
 * machine), so its pool is shared by concurrent callers; every product must still equal the one
 * computed alone, bit for bit.
 */
class Nd4jConcurrentUseTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 50;

    @ParameterizedTest
    @EnumSource(DType.class)
    void concurrentProductsOnSeparateTensorsEqualTheProductComputedAlone(DType dtype) throws Exception {
        Backend backend = Backend.wrap(new Nd4jBackendProvider());
        SplittableRandom rng = new SplittableRandom(17);
        double[] a = new double[128 * 256];
        double[] b = new double[256 * 256];
        Arrays.setAll(a, i -> rng.nextDouble(-1, 1));
        Arrays.setAll(b, i -> rng.nextDouble(-1, 1));
        Tensor product = backend.zeros(dtype, 128, 256);
        backend.gemm(1.0, backend.fromArray(dtype, Shape.matrix(128, 256), a), false,
                backend.fromArray(dtype, Shape.matrix(256, 256), b), true, 0.0, product);
        double[] expected = backend.toDoubleArray(product);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    Tensor x = backend.fromArray(dtype, Shape.matrix(128, 256), a);
                    Tensor w = backend.fromArray(dtype, Shape.matrix(256, 256), b);
                    Tensor y = backend.zeros(dtype, 128, 256);
                    int wrong = 0;
                    for (int i = 0; i < ROUNDS; i++) {
                        backend.fill(y, Double.NaN); // a product that skipped its work would keep the NaNs
                        backend.gemm(1, x, false, w, true, 0, y);
                        wrong += Arrays.equals(backend.toDoubleArray(y), expected) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).as("products that differ from the one computed alone").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
