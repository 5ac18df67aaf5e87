package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several threads using one backend at once, each on its own tensors, get what one thread alone
 * gets, bit for bit: products that find the pool busy run on their caller's thread, and every
 * thread packs into buffers of its own.
 */
class VectorConcurrentUseTest {
    private static final int CALLERS = 4;

    @ParameterizedTest(name = "{0}: 4 threads at once, each as if alone")
    @EnumSource(DType.class)
    void concurrentCallersGetWhatASingleCallerGets(DType dtype) throws Exception {
        Backend backend = Backend.wrap(new VectorBackendProvider(2));
        List<double[]> alone = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            alone.add(work(backend, dtype, caller));
        }
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<double[]>> results = new ArrayList<>();
                for (int caller = 0; caller < CALLERS; caller++) {
                    int seed = caller;
                    results.add(callers.submit(() -> work(backend, dtype, seed)));
                }
                for (int caller = 0; caller < CALLERS; caller++) {
                    assertThat(results.get(caller).get()).as("caller %d, round %d", caller, round)
                            .isEqualTo(alone.get(caller));
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** Products large enough to be split (120 x 130 x 110), then an activation, repeated. */
    private static double[] work(Backend backend, DType dtype, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor a = backend.fromArray(dtype, Shape.matrix(120, 110), uniform(rng, 120 * 110));
        Tensor b = backend.fromArray(dtype, Shape.matrix(130, 110), uniform(rng, 130 * 110));
        Tensor c = backend.zeros(dtype, Shape.matrix(120, 130));
        Tensor d = backend.zeros(dtype, Shape.matrix(120, 110));
        for (int i = 0; i < 10; i++) {
            backend.gemm(1.0, a, false, b, true, 0.0, c);
            backend.activation(Activation.TANH, c, c);
            backend.gemm(0.01, c, false, b, false, 0.0, d);
            backend.axpby(1.0, d, 1.0, a);
        }
        return backend.toDoubleArray(a);
    }

    private static double[] uniform(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
