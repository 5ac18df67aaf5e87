package org.backprop4j.spark;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * Test backend {@code flaky}: naive's arithmetic, bit for bit, except that once {@link #arm}ed
 * the next op run by the first attempt of a Spark task throws, once per arming. Spark then retries
 * the task (under {@code local[N,F]} with {@code F > 1}).
 */
public final class FlakyBackendProvider implements BackendProvider {
    private static final AtomicInteger ARMED = new AtomicInteger();
    private static final AtomicInteger THROWN = new AtomicInteger();

    /** The next first attempt of a task to run an op fails. */
    static void arm() {
        ARMED.incrementAndGet();
    }

    /** How many ops have failed on purpose; resets the count. */
    static int thrown() {
        return THROWN.getAndSet(0);
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        return ProbeResult.available("naive behind a proxy that fails on request");
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return WrappedNaiveOps.create(op -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0 && ARMED.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                THROWN.incrementAndGet();
                throw new IllegalStateException("injected failure in " + op + " of task " + task.taskAttemptId()
                        + " (partition " + task.partitionId() + ", attempt 0)");
            }
        });
    }
}
