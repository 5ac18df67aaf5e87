package org.backprop4j.backend.vector;

import java.util.Arrays;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * A fresh JVM's first use of the backend, for {@link WarmupTest}: a product while the float32
 * warm-up runs, then the same product once its vectors are in use. Prints whether the first ran
 * on the scalar paths, how long the warm-up took, and whether the two products are equal.
 */
public final class WarmupMain {
    private WarmupMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        Backend backend = Backend.wrap(new VectorBackendProvider());
        int n = 64;
        double[] values = new double[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i);
        }
        Tensor a = backend.fromArray(DType.FLOAT32, Shape.matrix(n, n), values);
        Tensor c = backend.zeros(DType.FLOAT32, Shape.matrix(n, n));
        System.out.println("cold: " + !Warmup.FLOAT32.vectors());
        backend.gemm(1.0, a, false, a, true, 0.0, c);
        double[] cold = backend.toDoubleArray(c);
        while (!Warmup.FLOAT32.vectors()) {
            Thread.sleep(5);
        }
        System.out.println("warm after ms: " + (System.nanoTime() - start) / 1_000_000);
        backend.gemm(1.0, a, false, a, true, 0.0, c);
        System.out.println("same bits: " + Arrays.equals(cold, backend.toDoubleArray(c)));
        System.out.println("float64 started: " + Warmup.FLOAT64.vectors());
    }
}
