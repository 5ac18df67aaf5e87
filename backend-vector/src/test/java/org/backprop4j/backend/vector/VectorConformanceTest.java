package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.ConformanceKit;

/** The conformance kit on the vector backend: PyTorch golden cases, finite differences, agreement with naive. */
class VectorConformanceTest extends ConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new VectorBackendProvider();
    }
}
