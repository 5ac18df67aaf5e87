package org.backprop4j.backend.ejml;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;

/** The shared op contract on the EJML backend as it is shipped. */
class EjmlBackendOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new EjmlBackendProvider();
    }
}
