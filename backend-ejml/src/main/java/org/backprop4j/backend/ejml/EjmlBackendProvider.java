package org.backprop4j.backend.ejml;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.ProductSelfTest;
import org.backprop4j.api.spi.TensorOps;
import org.ejml.EjmlVersion;
import org.ejml.concurrency.EjmlConcurrency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EJML backend, {@code ejml}: pure Java on EJML's dense row-major matrices, float32 and
 * float64. Priority {@value #PRIORITY}: below {@code nd4j} (200), faster wherever its natives
 * load, and above {@code naive} (10); so it is the default where ND4J cannot run. It needs no
 * native code and starts at once.
 *
 * <p>Threads: large products run on EJML's thread pool, which belongs to the whole process
 * ({@code EjmlConcurrency}). A thread count in the settings is applied to it
 * ({@link #apply(BackendSettings)}); with none, EJML's own setting stays as it is (one thread
 * per processor unless the application changed it).
 */
public final class EjmlBackendProvider implements BackendProvider {
    /** The name it is selected by. */
    public static final String NAME = "ejml";
    /** Below {@code nd4j} (200), above {@code naive} (10): the default where ND4J cannot run. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(EjmlBackendProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code EJML} and the version this module was compiled against. {@code EjmlVersion.VERSION}
     * is a compile-time constant, so reading it loads no EJML class.
     */
    @Override
    public String version() {
        return "EJML " + EjmlVersion.VERSION;
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
     * Applies {@code settings} and checks a 2x2 product in both dtypes ({@link ProductSelfTest}).
     * Unavailable if
     * EJML is missing from the class path (a {@link LinkageError}) or the product is wrong. The
     * detail names the thread count large products run on and where it came from.
     */
    @Override
    public ProbeResult probe(BackendSettings settings) {
        try {
            Optional<String> failure = ProductSelfTest.firstFailure(create(settings), dtypes());
            if (failure.isPresent()) {
                return ProbeResult.unavailable("EJML's " + failure.get());
            }
            int threads = EjmlOps.ejmlRunsThreads() ? EjmlConcurrency.getMaxThreads() : 1;
            String detail = "pure Java, no native code; products of at least " + EjmlOps.CONCURRENT_MULTIPLY_ADDS
                    + " multiply-adds on " + threads + (threads == 1 ? " thread" : " threads")
                    + (settings.threads().isPresent() ? " (thread setting)" : " (EJML's setting)");
            LOG.debug("ejml probe: {}", detail);
            return ProbeResult.available(detail);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("ejml probe failed", e);
            return ProbeResult.unavailable("EJML failed its self-test: " + e);
        }
    }

    /** The ops, with {@code settings} applied to EJML's thread pool first ({@link #apply(BackendSettings)}). */
    @Override
    public TensorOps create(BackendSettings settings) {
        apply(settings);
        return new EjmlOps();
    }

    /**
     * Sets EJML's process-wide thread count to the settings' count, if there is one and EJML does
     * not already run with it: {@code EjmlConcurrency.setMaxThreads(n)}, which makes a new pool of
     * {@code n} threads and turns concurrency off for {@code n == 1}. Without a count, EJML's
     * setting stays as it is.
     */
    static void apply(BackendSettings settings) {
        settings.threads().ifPresent(n -> {
            synchronized (EjmlConcurrency.class) {
                if (EjmlConcurrency.getMaxThreads() != n || EjmlConcurrency.isUseConcurrent() != (n > 1)) {
                    EjmlConcurrency.setMaxThreads(n);
                }
            }
        });
    }
}
