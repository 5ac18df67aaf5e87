package org.backprop4j.conformance;

import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/**
 * A provider that breaks the SPI's first promise: its probe throws the {@link UnsatisfiedLinkError}
 * a missing native library gives, instead of returning it as unavailable. Each instance has a name
 * of its own, so that the kit reports it afresh in each test.
 */
final class ThrowingProbeProvider implements BackendProvider {
    private final String name;

    ThrowingProbeProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "libfoo 1.0";
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
        throw new UnsatisfiedLinkError("no jnifoo in java.library.path");
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return new NaiveBackendProvider().create();
    }
}
