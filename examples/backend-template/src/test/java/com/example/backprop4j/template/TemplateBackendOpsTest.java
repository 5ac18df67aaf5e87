package com.example.backprop4j.template;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;

/**
 * The op contract on the template backend: every op, both dtypes, edge shapes, in place where
 * allowed, against hand-computed values and the naive reference.
 */
class TemplateBackendOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new TemplateBackendProvider();
    }
}
