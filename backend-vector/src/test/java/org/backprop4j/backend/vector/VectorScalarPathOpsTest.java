package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;
import org.junit.jupiter.api.BeforeAll;

/** The shared op contract on the scalar paths the backend runs until its {@link Warmup} is done. */
class VectorScalarPathOpsTest extends BackendOpsContract {
    @BeforeAll
    static void scalarPaths() {
        Paths.scalar();
    }

    @Override
    protected BackendProvider provider() {
        return new VectorBackendProvider();
    }
}
