package org.backprop4j.spark;

/**
 * Turns a failed Spark job back into the error its task threw, where that says more than Spark's
 * "Job aborted due to stage failure": an {@link ExecutorBackendException} or an
 * {@link IllegalArgumentException} about the data, with the job's failure as the cause.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    /** The task's own error found in {@code failure}'s causes, or {@code failure} itself. */
    static RuntimeException unwrap(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExecutorBackendException e) {
                return new ExecutorBackendException(e.getMessage(), failure);
            }
            if (t instanceof IllegalArgumentException e) {
                return new IllegalArgumentException(e.getMessage(), failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
