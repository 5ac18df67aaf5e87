package org.backprop4j.backend.ejml;

import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.BackendOpsContract;

/**
 * The shared op contract with every matrix product of more than one row on EJML's concurrent
 * kernels ({@code CommonOps_MT_*}), which the shipped backend uses only for large products.
 */
class EjmlConcurrentOpsTest extends BackendOpsContract {
    @Override
    protected BackendProvider provider() {
        return new ThresholdEjmlProvider(0);
    }
}
