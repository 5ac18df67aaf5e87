package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;

/** The shared op contract on the vector backend as it is shipped. */
class VectorBackendOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new VectorBackendProvider();
    }
}
