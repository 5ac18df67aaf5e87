package org.backprop4j.conformance;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/** The op contract on the reference backend itself (which it must pass against itself). */
class NaiveBackendOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new NaiveBackendProvider();
    }
}
