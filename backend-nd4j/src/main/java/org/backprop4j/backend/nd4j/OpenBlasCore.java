package org.backprop4j.backend.nd4j;

import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The kernels ("cores") of the x86-64 OpenBLAS that ND4J bundles (0.3.21, built for every x86-64
 * CPU at once: it picks one when it loads), by the name the environment variable
 * {@value #VARIABLE} takes, and the widest SIMD each uses.
 *
 * <p>Why this matters: OpenBLAS 0.3.21 recognises CPUs by family and model number, and on a model
 * newer than it knows (on this project's machine an Intel family 6 model 207 with AVX-512) it picks
 * {@link #PRESCOTT}, an SSE3 kernel from 2004: a 1024 float32 product then runs at 11-22 GFLOP/s
 * where {@link #COOPERLAKE} reaches 100-140 on the same core. OpenBLAS reads {@value #VARIABLE}
 * once, when the library loads, so it must be in the environment before the JVM starts; the
 * {@code ./backprop4j} launcher sets it from {@link #bestFor} when it is unset, and the probe
 * ({@link #describe}) tells everyone else when the loaded kernel falls short of the CPU.
 */
enum OpenBlasCore {
    KATMAI("Katmai", Simd.SSE),
    COPPERMINE("Coppermine", Simd.SSE),
    NORTHWOOD("Northwood", Simd.SSE),
    PRESCOTT("Prescott", Simd.SSE),
    BANIAS("Banias", Simd.SSE),
    ATHLON("Athlon", Simd.SSE),
    CORE2("Core2", Simd.SSE),
    NEHALEM("Nehalem", Simd.SSE),
    BARCELONA("Barcelona", Simd.SSE),
    SANDYBRIDGE("Sandybridge", Simd.AVX),
    BULLDOZER("Bulldozer", Simd.AVX),
    PILEDRIVER("Piledriver", Simd.AVX),
    STEAMROLLER("Steamroller", Simd.AVX),
    EXCAVATOR("Excavator", Simd.AVX2),
    HASWELL("Haswell", Simd.AVX2),
    ZEN("Zen", Simd.AVX2),
    SKYLAKEX("SkylakeX", Simd.AVX512),
    COOPERLAKE("Cooperlake", Simd.AVX512);

    /** The environment variable that makes OpenBLAS load a named kernel instead of guessing. */
    static final String VARIABLE = "OPENBLAS_CORETYPE";

    /** The widest vector instructions a kernel uses, in increasing order. */
    enum Simd {
        SSE("SSE"), AVX("AVX"), AVX2("AVX2"), AVX512("AVX-512");

        private final String label;

        Simd(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final String coreType;
    private final Simd simd;

    OpenBlasCore(String coreType, Simd simd) {
        this.coreType = coreType;
        this.simd = simd;
    }

    /** The name {@value #VARIABLE} takes and OpenBLAS reports, e.g. {@code SkylakeX}. */
    String coreType() {
        return coreType;
    }

    Simd simd() {
        return simd;
    }

    /**
     * The best kernel for a CPU with {@code flags}: {@link #COOPERLAKE} with the AVX-512 set
     * {@link #SKYLAKEX} needs and {@code avx512_bf16}; {@link #SKYLAKEX} with {@code avx512f},
     * {@code avx512cd}, {@code avx512bw}, {@code avx512dq} and {@code avx512vl}; {@link #HASWELL}
     * with {@code avx2} and {@code fma}; empty otherwise (OpenBLAS's own choice is then as good as
     * any). The {@code backprop4j} launcher applies the same rule to {@code /proc/cpuinfo}.
     */
    static Optional<OpenBlasCore> bestFor(CpuFlags flags) {
        if (flags.hasAll("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")) {
            return Optional.of(flags.hasAll("avx512_bf16") ? COOPERLAKE : SKYLAKEX);
        }
        if (flags.hasAll("avx2", "fma")) {
            return Optional.of(HASWELL);
        }
        return Optional.empty();
    }

    /**
     * The kernel the loaded OpenBLAS runs, found by comparing its {@code gotoblas} pointer (the
     * function table it chose at load) with the addresses of the kernels' tables
     * ({@code gotoblas_PRESCOTT}, ...), which a multi-kernel build exports. Only reads memory; empty
     * when OpenBLAS is not loaded or exports neither (a build for one CPU). Needs ND4J started.
     */
    static Optional<OpenBlasCore> loaded() {
        Pointer chosen = Loader.addressof("gotoblas");
        if (chosen == null) {
            return Optional.empty();
        }
        long table = new LongPointer(chosen).get(0);
        for (OpenBlasCore core : values()) {
            Pointer candidate = Loader.addressof("gotoblas_" + core.name());
            if (candidate != null && candidate.address() == table) {
                return Optional.of(core);
            }
        }
        return Optional.empty();
    }

    /**
     * What the probe says of the kernel: {@code kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)}
     * or {@code kernel Haswell (OpenBLAS's choice)}; and when the kernel uses narrower vectors
     * than the CPU's best ({@link #bestFor}), that, and the variable to set, e.g. {@code kernel
     * Prescott (OpenBLAS's choice), an SSE kernel on a CPU with AVX-512, so products run slower
     * than they can: set OPENBLAS_CORETYPE=Cooperlake before the JVM starts (the backprop4j
     * launcher does)}.
     *
     * @param loaded   the kernel running, empty when it could not be identified
     * @param best     the CPU's best kernel, empty when unknown or when no kernel beats another
     * @param variable the value of {@value #VARIABLE} in this process, null when unset
     */
    static String describe(Optional<OpenBlasCore> loaded, Optional<OpenBlasCore> best, String variable) {
        boolean forced = variable != null && !variable.isBlank();
        String source = forced ? VARIABLE + "=" + variable : "OpenBLAS's choice";
        if (loaded.isEmpty()) {
            return "kernel not identified (" + source + ")";
        }
        String text = "kernel " + loaded.get().coreType + " (" + source + ")";
        if (best.isPresent() && loaded.get().simd.compareTo(best.get().simd) < 0) {
            text += ", an " + loaded.get().simd + " kernel on a CPU with " + best.get().simd
                    + ", so products run slower than they can: set " + VARIABLE + "=" + best.get().coreType
                    + (forced ? " instead" : "") + " before the JVM starts"
                    + (forced ? "" : " (the backprop4j launcher does)");
        }
        return text;
    }
}
