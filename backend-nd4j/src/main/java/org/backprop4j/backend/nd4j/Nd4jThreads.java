package org.backprop4j.backend.nd4j;

import java.util.function.UnaryOperator;

/**
 * How many threads ND4J may use for one op, and where that number came from. The first of these
 * that is set wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>the environment variable {@value #OPENMP_VARIABLE}, which ND4J itself reads at start-up;</li>
 *   <li>the number of processors this JVM may use ({@link Runtime#availableProcessors()}, which
 *       honours container CPU limits), as PyTorch, ND4J and EJML do by default.</li>
 * </ol>
 * The backend calls OpenBLAS directly for its products and runs its elementwise ops as Java
 * loops, so the only pool that works during training is OpenBLAS's, and it splits only products
 * above its threshold (about 2^18 multiply-adds): small networks run as on one thread, large ones
 * gain. On the two-core machine this was written on, the {@code large} benchmark step (batch 256,
 * 1024 -> 1024 -> 1024 -> 10, float32) ran 30 steps/s on one thread and 44-57 on two; {@code tiny}
 * and {@code digits} ran the same on both. On a machine whose cores are busy with other work,
 * one thread can be faster (OpenBLAS's threads wait for each other): set 1 there. The module
 * README has the measurements.
 *
 * @param count  the number of threads, at least 1
 * @param source what set it: the property or variable name, or {@code default}
 */
record Nd4jThreads(int count, String source) {
    /** System property naming the thread count. */
    static final String PROPERTY = "backprop4j.nd4j.threads";
    /** Environment variable naming the thread count, read when the property is not set. */
    static final String ENVIRONMENT_VARIABLE = "BACKPROP4J_ND4J_THREADS";
    /** OpenMP's standard variable; ND4J and OpenBLAS size their pools from it at start-up. */
    static final String OPENMP_VARIABLE = "OMP_NUM_THREADS";

    /**
     * The thread count from {@code properties} and {@code environment} (lookups by name that
     * return null when unset), by the precedence above, with {@code processors} as the default.
     *
     * @throws IllegalArgumentException for a value that is not an integer {@code >= 1}, naming
     *                                  the setting and the value found
     */
    static Nd4jThreads resolve(UnaryOperator<String> properties, UnaryOperator<String> environment, int processors) {
        String[] values = {properties.apply(PROPERTY), environment.apply(ENVIRONMENT_VARIABLE),
                environment.apply(OPENMP_VARIABLE)};
        String[] names = {PROPERTY, ENVIRONMENT_VARIABLE, OPENMP_VARIABLE};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !values[i].isBlank()) {
                return new Nd4jThreads(parse(names[i], values[i]), names[i]);
            }
        }
        return new Nd4jThreads(Math.max(1, processors), "default: one per processor");
    }

    /** The thread count from this JVM's system properties and environment. */
    static Nd4jThreads fromSystem() {
        return resolve(System::getProperty, System::getenv, Runtime.getRuntime().availableProcessors());
    }

    private static int parse(String name, String value) {
        int count;
        try {
            count = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            throw new IllegalArgumentException(name + " ('" + value + "') must be an integer >= 1");
        }
        return count;
    }

    /** {@code 2 threads (default: one per processor)} or {@code 1 thread (backprop4j.nd4j.threads)}. */
    String describe() {
        return count + (count == 1 ? " thread (" : " threads (") + source + ")";
    }
}
