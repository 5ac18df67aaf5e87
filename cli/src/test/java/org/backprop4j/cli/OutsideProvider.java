package org.backprop4j.cli;

import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/**
 * The naive backend under the name {@code outside}, registered nowhere on the test class path:
 * only a plug-in jar made by {@link PluginJars} names it in its {@code META-INF/services}, so the
 * CLI finds it only through the plug-in path. Its probe shows the thread setting it received.
 */
public final class OutsideProvider implements BackendProvider {
    private final NaiveBackendProvider naive = new NaiveBackendProvider();

    @Override
    public String name() {
        return "outside";
    }

    @Override
    public String version() {
        return "outside 1.0";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Set<DType> dtypes() {
        return naive.dtypes();
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        return ProbeResult.available("from a plug-in jar; threads " + settings.threads());
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return naive.create(settings);
    }
}
