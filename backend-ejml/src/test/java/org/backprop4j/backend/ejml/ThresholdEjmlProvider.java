package org.backprop4j.backend.ejml;

import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The EJML backend with another concurrency threshold, for tests of the concurrent and serial paths:
 * products above the threshold use EJML's concurrent kernels whatever EJML's thread setting, so
 * that the tests exercise them on any machine.
 */
final class ThresholdEjmlProvider implements BackendProvider {
    private final EjmlBackendProvider shipped = new EjmlBackendProvider();
    private final long concurrentMultiplyAdds;

    ThresholdEjmlProvider(long concurrentMultiplyAdds) {
        this.concurrentMultiplyAdds = concurrentMultiplyAdds;
    }

    @Override
    public String name() {
        return shipped.name();
    }

    @Override
    public String version() {
        return shipped.version();
    }

    @Override
    public int priority() {
        return shipped.priority();
    }

    @Override
    public Set<DType> dtypes() {
        return shipped.dtypes();
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        return shipped.probe(settings);
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        EjmlBackendProvider.apply(settings);
        return new EjmlOps(concurrentMultiplyAdds, false);
    }
}
