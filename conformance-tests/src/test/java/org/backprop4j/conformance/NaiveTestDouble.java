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
 * The naive backend under a name and version of the test's choosing: priority 0, available
 * ("test double"), the naive ops. A test double overrides only what it changes (its dtypes, its
 * probe, the ops it breaks).
 */
public abstract class NaiveTestDouble implements BackendProvider {
    private final String name;
    private final String version;
    private final EnumSet<DType> dtypes;

    protected NaiveTestDouble(String name, String version, Set<DType> dtypes) {
        this.name = name;
        this.version = version;
        this.dtypes = EnumSet.copyOf(dtypes);
    }

    protected NaiveTestDouble(String name, String version) {
        this(name, version, EnumSet.allOf(DType.class));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final int priority() {
        return 0;
    }

    @Override
    public final Set<DType> dtypes() {
        return EnumSet.copyOf(dtypes); // an EnumSet, not Set.of: the kit asks dtypes().contains(null)
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
