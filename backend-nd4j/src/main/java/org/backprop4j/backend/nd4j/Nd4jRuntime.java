package org.backprop4j.backend.nd4j;

import java.util.EnumSet;
import java.util.Properties;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.ProductSelfTest;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J once per JVM: loads its native libraries, sets its thread counts, and checks
 * that a product gives the right numbers in both dtypes. The outcome, success or failure, is
 * remembered: a native library that failed to load cannot be loaded again, and the first
 * failure says more than the {@code NoClassDefFoundError}s after it.
 *
 * <p>Thread counts ({@link Nd4jThreads}) are set in all three places that have one:
 * libnd4j's own thread pool ({@code Environment.setMaxMasterThreads}: threads per op), OpenMP
 * ({@code omp_set_num_threads}, which applies to the calling thread) and OpenBLAS
 * ({@code blas_set_num_threads}), at start and again whenever a later call asks for another
 * count: the three are process-wide, so the latest count asked for applies. The size of libnd4j's pool is fixed when it starts, from
 * {@code OMP_NUM_THREADS} or the core count; only the number of its threads an op may use can
 * change afterwards.
 *
 * <p>ND4J announces itself at INFO through SLF4J (the CLI logs {@code org.nd4j} at WARN) and
 * prints nothing to stdout or stderr itself. JavaCPP, which loads the libraries, writes its own
 * warnings to stderr unless told to use SLF4J; that is set here (system property
 * {@value #JAVACPP_LOGGER}) unless the user chose otherwise.
 */
final class Nd4jRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);
    /** JavaCPP's choice of logger, read once when JavaCPP starts. */
    static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";

    /** The BLAS vendor start-up found, e.g. {@code OPENBLAS}; null until ND4J has started. */
    private static String vendor;
    /** OpenBLAS's kernel and whether it suits the CPU ({@link OpenBlasCore#describe}). */
    private static String kernel;
    /** Cores and libnd4j build, e.g. {@code 2 cores; libnd4j generic build, CPU has AVX512}. */
    private static String machine;
    /** What computes, at the end of the probe's detail. */
    static final String ARITHMETIC = "products by OpenBLAS, every other op a Java loop over ND4J's buffers";
    /** The thread count last applied. */
    private static Nd4jThreads applied;
    private static Throwable failure;

    private Nd4jRuntime() {
    }

    /**
     * Starts ND4J if this JVM has not yet, applies {@code threads} if they differ from the count
     * last applied, and returns what was found: BLAS vendor and OpenBLAS's kernel, threads, cores
     * and the libnd4j build, and what computes, e.g. {@code OPENBLAS, kernel Cooperlake
     * (OPENBLAS_CORETYPE=Cooperlake); 2 threads (default: one per processor); 2 cores; libnd4j
     * generic build, CPU has AVX512; products by OpenBLAS, every other op a Java loop over ND4J's
     * buffers}.
     *
     * @throws IllegalStateException when the self-check computes wrong numbers, or when an
     *                               earlier start failed (with that failure as the cause)
     * @throws LinkageError          typically {@code UnsatisfiedLinkError} or
     *                               {@code ExceptionInInitializerError} when the natives for
     *                               this platform are missing or do not load
     */
    static synchronized String start(Nd4jThreads threads) {
        if (failure != null) {
            throw new IllegalStateException("ND4J failed to start earlier in this JVM", failure);
        }
        if (vendor == null) {
            try {
                long begin = System.nanoTime();
                initialise(threads);
                LOG.debug("ND4J started in {} ms: {}", (System.nanoTime() - begin) / 1_000_000, describe());
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
        } else if (applied.count() != threads.count()) {
            applyThreads(threads);
        }
        applied = threads;
        return describe();
    }

    private static String describe() {
        return vendor + ", " + kernel + "; " + applied.describe() + "; " + machine + "; " + ARITHMETIC;
    }

    private static void initialise(Nd4jThreads threads) {
        if (System.getProperty(JAVACPP_LOGGER) == null) {
            System.setProperty(JAVACPP_LOGGER, "slf4j");
        }
        String retired = Nd4jThreads.retiredSettings(System::getProperty, System::getenv);
        if (!retired.isEmpty()) {
            LOG.warn("{} is no longer read; the thread count is the backprop4j thread setting "
                    + "(--threads, -Dbackprop4j.threads or BACKPROP4J_THREADS)", retired);
        }
        Nd4j.getBackend(); // loads libnd4j, OpenBLAS and OpenMP; throws if they cannot load
        applyThreads(threads);
        selfCheck();
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        String build = "libnd4j " + instructionSet(nativeOps.binaryLevel()) + " build";
        if (nativeOps.optimalLevel() > nativeOps.binaryLevel()) {
            build += ", CPU has " + instructionSet(nativeOps.optimalLevel());
        }
        // the values of ND4J's environment Properties are objects (cores is an Integer), not Strings
        vendor = String.valueOf(environment.get("blas.vendor"));
        kernel = OpenBlasCore.describe(OpenBlasCore.loaded(), OpenBlasCore.bestFor(CpuFlags.current()),
                System.getenv(OpenBlasCore.VARIABLE));
        machine = environment.get("cores") + " cores; " + build;
        applied = threads;
    }

    /** Sets {@code threads} in libnd4j's pool, OpenMP (for the calling thread) and OpenBLAS. */
    private static void applyThreads(Nd4jThreads threads) {
        int n = threads.count();
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** libnd4j's names for its binary levels ({@code NativeOps.binaryLevel()}). */
    private static String instructionSet(int level) {
        return switch (level) {
            case 3 -> "AVX512";
            case 2 -> "AVX2";
            default -> "generic";
        };
    }

    /**
     * A 2x2 product in both dtypes through the ops the backend runs ({@link ProductSelfTest}): the
     * operands copied in by Java loops over ND4J's buffers, multiplied by OpenBLAS, copied out.
     *
     * @throws IllegalStateException naming the dtype, the product found and the one expected
     */
    private static void selfCheck() {
        ProductSelfTest.firstFailure(new Nd4jOps(), EnumSet.allOf(DType.class)).ifPresent(wrong -> {
            throw new IllegalStateException("ND4J's self-check failed: " + wrong);
        });
    }
}
