package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped backend follows EJML's thread setting: with EJML's concurrency switched off (what
 * {@code EjmlConcurrency.setMaxThreads(1)} does) a product above the concurrency threshold runs
 * on the calling thread, without EJML's pool, and so allocates nothing.
 */
class EjmlThreadSettingTest {
    private final boolean switchBefore = EjmlConcurrency.USE_CONCURRENT;

    @AfterEach
    void restoreTheSwitch() {
        EjmlConcurrency.USE_CONCURRENT = switchBefore;
    }

    @Test
    void productsAboveTheThresholdRunOnEjmlsPoolOnlyWhenEjmlRunsThreads() {
        EjmlOps ops = new EjmlOps();
        long large = EjmlOps.CONCURRENT_MULTIPLY_ADDS;
        EjmlConcurrency.USE_CONCURRENT = true;
        assertThat(ops.concurrent(128, large)).isEqualTo(EjmlConcurrency.getMaxThreads() > 1);
        assertThat(ops.concurrent(128, large - 1)).isFalse();
        assertThat(ops.concurrent(1, Long.MAX_VALUE)).isFalse();
        EjmlConcurrency.USE_CONCURRENT = false;
        assertThat(ops.concurrent(128, large)).isFalse();
        assertThat(new EjmlOps(0, false).concurrent(128, large)).as("tests' ops ignore the setting").isTrue();
    }

    @Test
    void withEjmlOnOneThreadALargeProductAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        EjmlConcurrency.USE_CONCURRENT = false;
        Backend backend = Backend.wrap(new EjmlBackendProvider());
        SplittableRandom rng = new SplittableRandom(8);
        int m = 128;
        int k = 64;
        int n = 128;
        assertThat((long) m * k * n).isGreaterThanOrEqualTo(EjmlOps.CONCURRENT_MULTIPLY_ADDS);
        Tensor a = backend.fromArray(DType.FLOAT64, Shape.matrix(m, k), rng.doubles(m * k, -1, 1).toArray());
        Tensor b = backend.fromArray(DType.FLOAT64, Shape.matrix(k, n), rng.doubles(k * n, -1, 1).toArray());
        Tensor c = backend.zeros(DType.FLOAT64, Shape.matrix(m, n));
        for (int i = 0; i < 300; i++) {
            backend.gemm(1.0, a, false, b, false, 0.0, c);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100; i++) {
            backend.gemm(1.0, a, false, b, false, 0.0, c);
        }
        long perProduct = (threads.getThreadAllocatedBytes(threadId) - before) / 100;
        assertThat(perProduct).as("bytes allocated per product").isLessThan(16);
    }
}
