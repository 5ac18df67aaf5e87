package org.backprop4j.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * Test backend {@code driveronly}: naive's arithmetic on the driver, unavailable inside a Spark
 * task, as ND4J is on an executor without its natives.
 */
public final class DriverOnlyBackendProvider implements BackendProvider {
    /** What the probe says inside a task. */
    static final String MISSING = "libdriveronly.so not found on this executor (test)";

    @Override
    public String name() {
        return "driveronly";
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
        return TaskContext.get() == null ? ProbeResult.available("on the driver") : ProbeResult.unavailable(MISSING);
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return WrappedNaiveOps.create(op -> {
        });
    }
}
