package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.ConformanceKit;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit on the vector backend's vector paths: PyTorch golden cases, finite differences, agreement with naive. */
class VectorConformanceTest extends ConformanceKit {
    @BeforeAll
    static void vectorPaths() {
        Paths.vectors();
    }

    @Override
    protected BackendProvider provider() {
        return new VectorBackendProvider();
    }
}
