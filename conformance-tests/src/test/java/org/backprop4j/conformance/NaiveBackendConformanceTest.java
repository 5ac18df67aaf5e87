package org.backprop4j.conformance;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/**
 * The whole kit on the reference backend: the built-in PyTorch cases, finite differences, dropout
 * masks, and agreement with itself.
 */
class NaiveBackendConformanceTest extends ConformanceKit {

    @Override
    protected BackendProvider provider() {
        return new NaiveBackendProvider();
    }
}
