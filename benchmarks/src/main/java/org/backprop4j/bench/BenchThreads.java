package org.backprop4j.bench;

import java.util.OptionalInt;
import org.ejml.concurrency.EjmlConcurrency;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread count a suite run gives every library, so that all backends and the PyTorch
 * reference work with the same number of cores. {@link Suite} passes it to each benchmark JVM
 * as {@code -D}{@value #PROPERTY}; without it every library keeps its own default.
 *
 * <p>The {@code nd4j} backend reads its own property ({@link Suite#ND4J_THREADS_PROPERTY}), which
 * the suite sets to the same count; this class sets the others: EJML's concurrent kernels and,
 * for the raw-ND4J baseline, ND4J's three thread settings (libnd4j's pool, OpenMP, OpenBLAS).
 * {@code naive} is single-threaded whatever the setting.
 */
public final class BenchThreads {
    /** System property holding the thread count of a suite run. */
    public static final String PROPERTY = "backprop4j.bench.threads";

    private BenchThreads() {
    }

    /**
     * The configured count.
     *
     * @throws IllegalArgumentException when the property is set but is not an integer {@code >= 1}
     */
    public static OptionalInt configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.trim().matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException(PROPERTY + " ('" + value + "') must be an integer >= 1");
        }
        return OptionalInt.of(Integer.parseInt(value.trim()));
    }

    /** Applies the configured count to the library behind {@code backend}, if this class sets it. */
    public static void applyTo(String backend) {
        if (backend.equals("ejml")) {
            configured().ifPresent(EjmlConcurrency::setMaxThreads);
        }
    }

    /** Applies the configured count to ND4J, as the {@code nd4j} backend does with its own property. */
    public static void applyToNd4j() {
        configured().ifPresent(n -> {
            Nd4j.getEnvironment().setMaxMasterThreads(n);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
            Nd4j.factory().blas().setMaxThreads(n);
        });
    }
}
