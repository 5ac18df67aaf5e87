package org.backprop4j.backend.naive;

import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The pure-Java reference backend, {@code naive}. Always available; lowest built-in priority,
 * since it is written to be read, not to be fast.
 */
public final class NaiveBackendProvider implements BackendProvider {
    /** The name it is selected by. */
    public static final String NAME = "naive";
    /** Below {@code ejml} (100) and {@code nd4j} (200): chosen by default only when alone. */
    public static final int PRIORITY = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "pure Java " + Runtime.version().feature();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    @Override
    public ProbeResult probe() {
        return ProbeResult.available("no native code");
    }

    @Override
    public TensorOps create() {
        return new NaiveOps();
    }
}
