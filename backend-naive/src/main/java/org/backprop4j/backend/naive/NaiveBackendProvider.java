package org.backprop4j.backend.naive;

import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The pure-Java reference backend, {@code naive}. Always available; lowest built-in priority,
 * since it is written to be read, not to be fast. It runs every op on the calling thread, so
 * the thread setting does not apply to it.
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

    /** Always available: {@code no native code; 1 thread (the caller's; the thread setting does not apply)}. */
    @Override
    public ProbeResult probe(BackendSettings settings) {
        return ProbeResult.available("no native code; 1 thread (the caller's; the thread setting does not apply)");
    }

    /** The ops; {@code settings} does not apply (every op runs on the calling thread). */
    @Override
    public TensorOps create(BackendSettings settings) {
        return new NaiveOps();
    }
}
