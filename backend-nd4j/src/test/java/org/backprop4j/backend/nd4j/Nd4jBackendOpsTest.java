package org.backprop4j.backend.nd4j;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;

/** The shared op contract (every op, both dtypes, edge shapes, against the naive reference) on nd4j. */
class Nd4jBackendOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
