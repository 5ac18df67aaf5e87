package org.backprop4j.backend.nd4j;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.ConformanceKit;

/** The conformance kit on nd4j: PyTorch golden cases, finite differences, agreement with naive. */
class Nd4jConformanceTest extends ConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
