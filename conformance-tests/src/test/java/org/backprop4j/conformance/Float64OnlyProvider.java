package org.backprop4j.conformance;

import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/** The naive backend, declaring float64 only: cases and checks in float32 must be skipped, not failed. */
final class Float64OnlyProvider implements BackendProvider {
    @Override
    public String name() {
        return "float64-only";
    }

    @Override
    public String version() {
        return "naive, float64 only";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.of(DType.FLOAT64);
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        return ProbeResult.available("test double");
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return new NaiveBackendProvider().create(settings);
    }
}
