package org.backprop4j.bench;

import java.util.OptionalInt;
import org.backprop4j.api.Backends;
import org.backprop4j.api.Setting;
import org.backprop4j.api.spi.BackendSettings;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread count a suite run gives every library, so that all backends and the PyTorch
 * reference work with the same number of cores. {@link Suite} passes it to each benchmark JVM as
 * the thread setting of every backend ({@code -Dbackprop4j.threads}, {@link Setting#THREADS}),
 * which {@link Backends} hands to each backend's provider; without it every library keeps its
 * own default. This class applies it only where no backend does: ND4J's three thread settings
 * (libnd4j's pool, OpenMP, OpenBLAS) for the raw-ND4J baseline, and the PyTorch comparison.
 */
public final class BenchThreads {
    private BenchThreads() {
    }

    /**
     * The configured count: the system property {@code backprop4j.threads}, else the environment
     * variable {@code BACKPROP4J_THREADS}; empty when neither is set.
     *
     * @throws IllegalArgumentException when it is set but is not an integer {@code >= 1}, naming where it came from
     */
    public static OptionalInt configured() {
        return Setting.THREADS.lookup(null).map(BackendSettings::ofThreadSetting).orElse(BackendSettings.defaults())
                .threads();
    }

    /** Applies the configured count to ND4J, as the {@code nd4j} backend does with the thread setting. */
    public static void applyToNd4j() {
        configured().ifPresent(n -> {
            Nd4j.getEnvironment().setMaxMasterThreads(n);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
            Nd4j.factory().blas().setMaxThreads(n);
        });
    }
}
