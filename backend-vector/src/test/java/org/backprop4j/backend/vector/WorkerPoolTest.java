package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryPartOnceEachOnItsOwnThreadPartZeroOnTheCaller() {
        WorkerPool pool = new WorkerPool(4);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int round = 0; round < 200; round++) { // workers spin, park and wake between rounds
                int parts = 1 + round % 4;
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                Thread[] partZero = new Thread[1];
                pool.run((part, n) -> {
                    assertThat(n).isEqualTo(parts);
                    runs.incrementAndGet(part);
                    threads.add(Thread.currentThread());
                    if (part == 0) {
                        partZero[0] = Thread.currentThread();
                    }
                }, parts);
                for (int p = 0; p < parts; p++) {
                    assertThat(runs.get(p)).as("runs of part %d of %d", p, parts).isEqualTo(1);
                }
                assertThat(threads).hasSize(parts);
                assertThat(partZero[0]).isSameAs(Thread.currentThread());
            }
        } finally {
            pool.release();
        }
    }

    @Test
    void aFailingPartIsThrownToTheCallerAfterEveryPartHasFinished() {
        WorkerPool pool = new WorkerPool(3);
        AtomicBoolean slowPartFinished = new AtomicBoolean();
        assertThat(pool.tryAcquire()).isTrue();
        try {
            assertThatThrownBy(() -> pool.run((part, n) -> {
                if (part == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
                if (part == 2) {
                    sleep(50);
                    slowPartFinished.set(true);
                }
            }, 3)).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
            assertThat(slowPartFinished).isTrue();
            int[] sum = new int[1];
            pool.run((part, n) -> {
                synchronized (sum) {
                    sum[0] += part;
                }
            }, 3);
            assertThat(sum[0]).as("the pool works after a failure").isEqualTo(3);
        } finally {
            pool.release();
        }
    }

    @Test
    void aSecondCallerFindsThePoolBusyInsteadOfWaiting() throws Exception {
        WorkerPool pool = new WorkerPool(2);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = pool.tryAcquire());
            t.start();
            t.join();
            assertThat(other[0]).isFalse();
        } finally {
            pool.release();
        }
        assertThat(new WorkerPool(1).tryAcquire()).as("a pool without workers is never acquired").isFalse();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new WorkerPool(0)).hasMessage("threads (0) must be >= 1");
        WorkerPool pool = new WorkerPool(2);
        assertThatThrownBy(() -> pool.run((part, n) -> { }, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("run by a thread that does not hold the pool");
        assertThat(pool.tryAcquire()).isTrue();
        try {
            assertThatThrownBy(() -> pool.run((part, n) -> { }, 3)).hasMessage("parts (3) must be in [1, 2]");
        } finally {
            pool.release();
        }
    }

    @Test
    void workersStopWhenThePoolIsUnreachable() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        startAndDrop(started, worker);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100 && worker[0].isAlive(); i++) {
            System.gc();
            worker[0].join(100);
        }
        assertThat(worker[0].isAlive()).as("worker alive after its pool became unreachable").isFalse();
    }

    /** Starts a pool's worker by running one task, and keeps no reference to the pool. */
    private static void startAndDrop(CountDownLatch started, Thread[] worker) {
        WorkerPool pool = new WorkerPool(2);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            pool.run((part, n) -> {
                if (part == 1) {
                    worker[0] = Thread.currentThread();
                    started.countDown();
                }
            }, 2);
        } finally {
            pool.release();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
