package org.backprop4j.backend.ejml;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.ConformanceKit;

/** The conformance kit on the EJML backend: PyTorch golden cases, finite differences, agreement with naive. */
class EjmlConformanceTest extends ConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new EjmlBackendProvider();
    }
}
