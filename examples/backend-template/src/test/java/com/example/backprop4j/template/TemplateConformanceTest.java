package com.example.backprop4j.template;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.ConformanceKit;

/**
 * The conformance kit on the template backend: every PyTorch-made case, finite differences and
 * agreement with the naive reference on random networks, in both dtypes.
 */
class TemplateConformanceTest extends ConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new TemplateBackendProvider();
    }
}
