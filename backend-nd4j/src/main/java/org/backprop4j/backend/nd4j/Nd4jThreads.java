package org.backprop4j.backend.nd4j;

import java.util.function.UnaryOperator;

/**
 * How many threads ND4J may use for one op, and where that number came from. The first of these
 * that is set wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>the environment variable {@value #OPENMP_VARIABLE}, which ND4J itself reads at start-up;</li>
 *   <li>{@value #DEFAULT}.</li>
 * </ol>
 * The default is one thread because the products of a small network are too small to split and
 * a shared machine rarely has a core to spare: on the two-core machine this was written on, a
 * 32x256x256 float32 gemm took 63-78 µs on one thread and 72-353 µs on two while another
 * process kept one core busy (the threads of OpenBLAS wait for each other); two threads pay
 * off only for large products on idle cores (512x512x512: 1.5-2.0 ms against 2.7 ms). The
 * module README has the measurements.
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
    /** The thread count when nothing is set. */
    static final int DEFAULT = 1;

    /**
     * The thread count from {@code properties} and {@code environment} (lookups by name that
     * return null when unset), by the precedence above.
     *
     * @throws IllegalArgumentException for a value that is not an integer {@code >= 1}, naming
     *                                  the setting and the value found
     */
    static Nd4jThreads resolve(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String[] values = {properties.apply(PROPERTY), environment.apply(ENVIRONMENT_VARIABLE),
                environment.apply(OPENMP_VARIABLE)};
        String[] names = {PROPERTY, ENVIRONMENT_VARIABLE, OPENMP_VARIABLE};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !values[i].isBlank()) {
                return new Nd4jThreads(parse(names[i], values[i]), names[i]);
            }
        }
        return new Nd4jThreads(DEFAULT, "default");
    }

    /** The thread count from this JVM's system properties and environment. */
    static Nd4jThreads fromSystem() {
        return resolve(System::getProperty, System::getenv);
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

    /** {@code 1 thread (default)} or {@code 2 threads (backprop4j.nd4j.threads)}. */
    String describe() {
        return count + (count == 1 ? " thread (" : " threads (") + source + ")";
    }
}
