package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;
import org.junit.jupiter.api.BeforeAll;

/** The shared op contract on the vector backend's vector paths, as it runs once warm. */
class VectorBackendOpsTest extends BackendOpsContract {
    @BeforeAll
    static void vectorPaths() {
        Paths.vectors();
    }

    @Override
    protected BackendProvider provider() {
        return new VectorBackendProvider();
    }
}
