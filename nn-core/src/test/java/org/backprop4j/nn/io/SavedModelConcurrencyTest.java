package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * A served model answers requests from several threads at once with the answers it gives them
 * one by one, although its network reuses one set of buffers.
 */
class SavedModelConcurrencyTest {
    private static final Backend NAIVE = Backends.discover().get("naive");
    private static final int THREADS = 6;
    private static final int REQUESTS = 300;

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        Sequential net = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(8, 32, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(32, 3, true)), 5L);
        SavedModel model = new SavedModel(net, new Normalization(null, null, new double[] {1, 2, 3},
                new double[] {2, 2, 2}), List.of(), List.of(), null);
        SplittableRandom rng = new SplittableRandom(11);
        List<double[]> requests = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < THREADS * REQUESTS; i++) {
            double[] x = new double[8 * rng.nextInt(1, 20)]; // batches of 1 to 19 rows
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextDouble(-2, 2);
            }
            requests.add(x);
            expected.add(model.predict(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * REQUESTS;
                mismatches.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = first; i < first + REQUESTS; i++) {
                        double[] y = model.predict(requests.get(i));
                        wrong += Arrays.equals(y, expected.get(i)) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : mismatches) {
                assertThat(f.get()).as("predictions that differ from the sequential ones").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
