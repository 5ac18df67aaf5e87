package org.backprop4j.spark;

import org.backprop4j.api.BackendSelectionException;

/**
 * The driver's backend cannot run on an executor: it is not on the executor's class path, or its
 * probe failed there (ND4J's natives missing, say). The message names the executor, its host, the
 * backend and the probe result. Training stops at the first step rather than mix backends.
 */
public final class ExecutorBackendException extends BackendSelectionException {
    private static final long serialVersionUID = 1L;

    public ExecutorBackendException(String message) {
        super(message);
    }

    /** The same message on the driver, with the job's failure as the cause. */
    ExecutorBackendException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
