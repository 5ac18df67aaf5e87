package org.backprop4j.backend.nd4j;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The native backend, {@code nd4j}: ND4J's libnd4j and OpenBLAS, float32 and float64. Priority
 * {@value #PRIORITY}, the highest built-in: the default wherever its natives load, since it is
 * the fastest backend here at every benchmarked size; above {@code ejml} (100), which takes over
 * where they do not, and {@code naive} (10), the reference.
 *
 * <p>Nothing here touches ND4J until {@link #probe(BackendSettings)} or
 * {@link #create(BackendSettings)}: the constructor, {@link #name()}, {@link #version()},
 * {@link #priority()} and {@link #dtypes()} read constants and a resource of this module, so
 * listing the backends of a JVM loads no native code. The probe starts ND4J
 * ({@link Nd4jRuntime#start}: loads the natives, sets the thread counts of {@link Nd4jThreads},
 * runs a self-check); any failure, {@link LinkageError}s included, becomes an unavailable
 * result naming the cause.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    /** The name it is selected by. */
    public static final String NAME = "nd4j";
    /** Above {@code ejml} (100) and {@code naive} (10): the default wherever ND4J runs. */
    public static final int PRIORITY = 200;

    private static final Nd4jBuild BUILD = Nd4jBuild.load();

    /** Starts ND4J with a thread count and returns what it found; throws when it cannot. */
    private final Function<Nd4jThreads, String> startup;

    /** The provider {@link java.util.ServiceLoader} makes. */
    public Nd4jBackendProvider() {
        this(threads -> Nd4jRuntime.start(threads)); // a lambda, not a method reference: Nd4jRuntime stays unloaded until called
    }

    /** A provider whose start-up is {@code startup}; for tests of the failure handling. */
    Nd4jBackendProvider(Function<Nd4jThreads, String> startup) {
        this.startup = startup;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code ND4J <version> (<platform of the bundled natives>)}, e.g. {@code ND4J 1.0.0-M2.1 (linux-x86_64)}. */
    @Override
    public String version() {
        return "ND4J " + BUILD.nd4jVersion() + " (" + BUILD.platform() + ")";
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
     * Starts ND4J (once per JVM) with the thread count of {@code settings} ({@link Nd4jThreads})
     * and reports what it found, e.g. {@code OPENBLAS; 2 threads (default: one per processor);
     * 2 cores; libnd4j generic build, CPU has AVX512}; or why it cannot run here. Never throws.
     */
    @Override
    public ProbeResult probe(BackendSettings settings) {
        try {
            return ProbeResult.available(startup.apply(Nd4jThreads.of(settings)));
        } catch (Throwable t) { // the SPI's promise: LinkageErrors are the usual way natives fail
            return ProbeResult.unavailable(describeFailure(t));
        }
    }

    /**
     * The ops; starts ND4J first if the probe has not, and applies the thread count of
     * {@code settings} (process-wide: the latest count asked for applies to every nd4j backend).
     *
     * @throws IllegalStateException when ND4J cannot start, with the probe's reason
     */
    @Override
    public TensorOps create(BackendSettings settings) {
        try {
            startup.apply(Nd4jThreads.of(settings));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("backend '" + NAME + "' cannot start: " + describeFailure(e), e);
        }
        return new Nd4jOps();
    }

    /**
     * {@code ND4J could not start: <exception>: <message>; caused by ...} down the cause chain,
     * plus, when native code failed to link, which platform this build bundles natives for and
     * how to build for another.
     */
    static String describeFailure(Throwable failure) {
        List<String> causes = new ArrayList<>();
        boolean linkage = false;
        for (Throwable t = failure; t != null && causes.size() < 6; t = t.getCause()) {
            linkage |= t instanceof LinkageError;
            String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (!causes.contains(text)) {
                causes.add(text);
            }
        }
        StringBuilder sb = new StringBuilder("ND4J could not start: ").append(String.join("; caused by ", causes));
        if (linkage) {
            sb.append(" (this build bundles natives for ").append(BUILD.platform()).append(" and this JVM runs on ")
                    .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                    .append("; for another platform build with -Djavacpp.platform=<os>-<arch>, see backend-nd4j/README.md)");
        }
        return sb.toString();
    }
}
