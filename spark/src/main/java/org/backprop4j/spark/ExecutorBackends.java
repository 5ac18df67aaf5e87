package org.backprop4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BackendSelectionException;
import org.backprop4j.api.Backends;

/**
 * Resolves the driver's backend, by name, in an executor's JVM: {@link Backends#discover()} there
 * (ServiceLoader over the executor's class path), once per JVM and thread count, so every task of
 * the executor shares one created backend. Never falls back to another backend.
 */
final class ExecutorBackends {
    private static final Map<Integer, Backends> DISCOVERED = new ConcurrentHashMap<>();

    private ExecutorBackends() {
    }

    /**
     * The backend named {@code name}, with {@code threads} threads per op.
     *
     * @throws ExecutorBackendException when it is unknown or unavailable here, naming this executor,
     *                                  its host, the backend and its probe result
     */
    static Backend resolve(String name, int threads) {
        Backends backends = DISCOVERED.computeIfAbsent(threads, t -> Backends.discover().withThreads(t));
        try {
            return backends.get(name);
        } catch (BackendSelectionException e) {
            throw new ExecutorBackendException(executor() + ": " + e.getMessage());
        }
    }

    /** {@code executor 3 on host worker-2}; {@code executor driver} in local mode. */
    static String executor() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "outside Spark";
        }
        return "executor " + env.executorId() + " on host " + env.blockManager().blockManagerId().host();
    }
}
