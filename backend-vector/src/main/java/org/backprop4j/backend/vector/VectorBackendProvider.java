package org.backprop4j.backend.vector;

import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The vector backend, {@code vector}: pure Java on the JDK's Vector API
 * ({@code jdk.incubator.vector}), float32 and float64, with no native library. Available when the
 * JVM runs with {@value #JVM_FLAG} and the CPU's preferred vectors are at least 256 bits wide
 * (AVX2 or AVX-512 on x86); the probe says which is missing otherwise. Priority {@value #PRIORITY}
 * (the reasoning, with the measurements, is in the module README).
 *
 * <p>The constructor, {@link #name()}, {@link #version()}, {@link #priority()} and
 * {@link #dtypes()} touch no class of the Vector API, so the provider loads and lists itself on a
 * JVM without the module.
 */
public final class VectorBackendProvider implements BackendProvider {
    /** The name it is selected by. */
    public static final String NAME = "vector";
    /**
     * Below {@code nd4j} (200), above {@code ejml} (100) and {@code naive} (10): fastest of all once
     * the JIT has compiled its loops, but that takes seconds of a short job, where ND4J and EJML are
     * at full speed from their first call. The measurements are in the module README.
     */
    public static final int PRIORITY = 150;
    /** The incubator module the backend is written on. */
    public static final String MODULE = "jdk.incubator.vector";
    /** The JVM option that makes {@link #MODULE} available (JDK 17 to 25 at least). */
    public static final String JVM_FLAG = "--add-modules " + MODULE;

    /** The thread count when the settings name none. */
    private final int defaultThreads;

    /**
     * The provider {@link java.util.ServiceLoader} makes: products on the threads the settings
     * name, else on one thread per processor.
     */
    public VectorBackendProvider() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A provider whose backend's products use {@code defaultThreads} threads, the caller's included,
     * when the settings name no count; for tests.
     *
     * @throws IllegalArgumentException when {@code defaultThreads < 1}
     */
    VectorBackendProvider(int defaultThreads) {
        if (defaultThreads < 1) {
            throw new IllegalArgumentException("threads (" + defaultThreads + ") must be >= 1");
        }
        this.defaultThreads = defaultThreads;
    }

    private int threads(BackendSettings settings) {
        return settings.threads().orElse(defaultThreads);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** E.g. {@code Vector API (jdk.incubator.vector), JDK 17}. */
    @Override
    public String version() {
        return "Vector API (" + MODULE + "), JDK " + Runtime.version().feature();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    /**
     * Checks that the module is present and the preferred vectors are wide enough, runs a
     * self-test of the products, and reports the vector shapes, register tiles and threads, or
     * what is missing. Never throws.
     */
    @Override
    public ProbeResult probe(BackendSettings settings) {
        String missing = missingRequirement();
        if (missing != null) {
            return ProbeResult.unavailable(missing);
        }
        try {
            return ProbeResult.available(VectorRuntime.selfTest(threads(settings)));
        } catch (RuntimeException | LinkageError e) {
            return ProbeResult.unavailable("the Vector API failed the backend's self-test: " + e);
        }
    }

    /**
     * The ops.
     *
     * @throws IllegalStateException when the backend cannot run here, with the probe's reason
     */
    @Override
    public TensorOps create(BackendSettings settings) {
        String missing = missingRequirement();
        if (missing != null) {
            throw new IllegalStateException("backend '" + NAME + "' cannot start: " + missing);
        }
        return VectorRuntime.create(threads(settings));
    }

    /** Why the backend cannot run in this JVM, or null when it can. */
    private static String missingRequirement() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "the JDK's Vector API is not enabled: start the JVM with " + JVM_FLAG + " (JDK 17 or later)";
        }
        try {
            int bits = VectorRuntime.vectorBits();
            if (bits < VectorRuntime.MIN_VECTOR_BITS) {
                return "the CPU's preferred vectors are " + bits + " bits wide here; the backend needs at least "
                        + VectorRuntime.MIN_VECTOR_BITS + " (AVX2 or AVX-512 on x86; check -XX:UseAVX and -XX:MaxVectorSize)";
            }
            return null;
        } catch (LinkageError e) {
            return "the Vector API's classes cannot be loaded: " + e;
        }
    }
}
