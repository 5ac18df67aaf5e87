package org.backprop4j.backend.nd4j;

import java.util.function.UnaryOperator;
import org.backprop4j.api.spi.BackendSettings;

/**
 * How many threads ND4J may use for one op, and where that number came from. The first of these
 * that is set wins:
 * <ol>
 *   <li>the thread count of the {@link BackendSettings} the provider receives (the CLI's
 *       {@code --threads}, the system property {@code backprop4j.threads} or the environment
 *       variable {@code BACKPROP4J_THREADS}, resolved by {@code Backends});</li>
 *   <li>the environment variable {@value #OPENMP_VARIABLE}, which ND4J itself reads at start-up;</li>
 *   <li>the number of processors this JVM may use ({@link Runtime#availableProcessors()}, which
 *       honours container CPU limits), as PyTorch, ND4J and EJML do by default.</li>
 * </ol>
 * The backend calls OpenBLAS directly for its products and runs its elementwise ops as Java
 * loops, so the only pool that works during training is OpenBLAS's, and it splits only products
 * above its threshold (about 2^18 multiply-adds): small networks run as on one thread, large ones
 * gain (the {@code large} benchmark step about 1.5x on two cores). On a machine whose cores are
 * busy with other work, one thread can be faster (OpenBLAS's threads wait for each other): set 1
 * there. The measurements are in {@code benchmarks/results/backend-nd4j.md}.
 *
 * <p>The backend's own property {@value #RETIRED_PROPERTY} and variable {@value #RETIRED_VARIABLE}
 * are no longer read: the thread setting of every backend replaced them. {@link #retiredSettings}
 * names them when they are set, so that the start-up log says they are ignored.
 *
 * @param count  the number of threads, at least 1
 * @param source what set it: {@code thread setting}, {@value #OPENMP_VARIABLE}, or {@code default: one per processor}
 */
record Nd4jThreads(int count, String source) {
    /** OpenMP's standard variable; ND4J and OpenBLAS size their pools from it at start-up. */
    static final String OPENMP_VARIABLE = "OMP_NUM_THREADS";
    /** The system property that set the count before the thread setting of every backend. */
    static final String RETIRED_PROPERTY = "backprop4j.nd4j.threads";
    /** The environment variable that set the count before the thread setting of every backend. */
    static final String RETIRED_VARIABLE = "BACKPROP4J_ND4J_THREADS";

    /**
     * The thread count from {@code settings}, else from {@value #OPENMP_VARIABLE} in
     * {@code environment} (a lookup by name that returns null when unset), else {@code processors}.
     *
     * @throws IllegalArgumentException for an {@value #OPENMP_VARIABLE} that is not an integer
     *                                  {@code >= 1}, naming the variable and the value found
     */
    static Nd4jThreads resolve(BackendSettings settings, UnaryOperator<String> environment, int processors) {
        if (settings.threads().isPresent()) {
            return new Nd4jThreads(settings.threads().getAsInt(), "thread setting");
        }
        String openMp = environment.apply(OPENMP_VARIABLE);
        if (openMp != null && !openMp.isBlank()) {
            return new Nd4jThreads(parse(OPENMP_VARIABLE, openMp), OPENMP_VARIABLE);
        }
        return new Nd4jThreads(Math.max(1, processors), "default: one per processor");
    }

    /** The thread count from {@code settings} and this JVM's environment and processors. */
    static Nd4jThreads of(BackendSettings settings) {
        return resolve(settings, System::getenv, Runtime.getRuntime().availableProcessors());
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

    /**
     * The retired settings that are set, e.g. {@code system property backprop4j.nd4j.threads=1};
     * empty when neither is.
     */
    static String retiredSettings(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String property = properties.apply(RETIRED_PROPERTY);
        String variable = environment.apply(RETIRED_VARIABLE);
        StringBuilder sb = new StringBuilder();
        if (property != null) {
            sb.append("system property ").append(RETIRED_PROPERTY).append('=').append(property);
        }
        if (variable != null) {
            sb.append(sb.length() == 0 ? "" : " and ").append("environment variable ").append(RETIRED_VARIABLE)
                    .append('=').append(variable);
        }
        return sb.toString();
    }

    /** {@code 2 threads (default: one per processor)} or {@code 1 thread (thread setting)}. */
    String describe() {
        return count + (count == 1 ? " thread (" : " threads (") + source + ")";
    }
}
