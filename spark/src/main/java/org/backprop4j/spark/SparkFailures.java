package org.backprop4j.spark;

/**
 * Turns a failed Spark job back into the error its task threw, where that says more than Spark's
 * "Job aborted due to stage failure": an {@link ExecutorBackendException} or an
 * {@link IllegalArgumentException} about the data, with the job's failure as the cause. Spark
 * does not always keep the task's exception as the cause; its message always holds the task's
 * {@code ClassName: message} line, which is read then. Spark's own {@code SparkException} is a
 * checked exception that Scala throws undeclared; any other failure comes back as an
 * {@link IllegalStateException} with it as the cause.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    /** The task's own error found in {@code failure}'s causes or message, or {@code failure} itself. */
    static RuntimeException unwrap(Exception failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ExecutorBackendException e) {
                return new ExecutorBackendException(e.getMessage(), failure);
            }
            if (t instanceof IllegalArgumentException e) {
                return new IllegalArgumentException(e.getMessage(), failure);
            }
        }
        String backend = taskMessage(failure, ExecutorBackendException.class);
        if (backend != null) {
            return new ExecutorBackendException(backend, failure);
        }
        String data = taskMessage(failure, IllegalArgumentException.class);
        if (data != null) {
            return new IllegalArgumentException(data, failure);
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
    }

    /** The message after {@code type}'s name in {@code failure}'s message, to the end of that line; null if absent. */
    private static String taskMessage(Exception failure, Class<?> type) {
        String message = failure.getMessage();
        String marker = type.getName() + ": ";
        int at = message == null ? -1 : message.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int end = message.indexOf('\n', at);
        return message.substring(at + marker.length(), end < 0 ? message.length() : end).trim();
    }
}
