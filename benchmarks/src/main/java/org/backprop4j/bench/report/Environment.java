package org.backprop4j.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.nn.io.AtomicFile;

/**
 * What a set of results was measured on and how, recorded with every run
 * ({@code environment.json}) and printed at the top of the report.
 *
 * @param date        when the run started (ISO 8601, UTC)
 * @param command     the command that reproduces it
 * @param mode        {@code quick} or {@code full}, or {@code external} for results run by hand
 * @param jdk         the benchmark JVM: name and runtime version
 * @param os          operating system name, version and architecture
 * @param cpuModel    {@code model name} from {@code /proc/cpuinfo}
 * @param logicalCpus {@code Runtime.availableProcessors()}
 * @param cpuFlags    the SIMD flags of {@code /proc/cpuinfo} (SSE4, AVX, AVX2, FMA, AVX-512 ...)
 * @param blasCore    ND4J's BLAS and the kernel OpenBLAS runs, from the {@code nd4j} backend's probe
 *                    ({@link #nd4jBlas}), e.g. {@code OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)}
 * @param threads     the thread settings: environment variables that change them, and the count used
 * @param threadCount the thread count the PyTorch reference is asked to use to match
 * @param loadBefore  {@code /proc/loadavg}'s 1, 5 and 15 minute averages before the run
 * @param loadAfter   the same after the run
 * @param skipped     backends that were not measured, with the reason
 */
public record Environment(String date, String command, String mode, String jdk, String os, String cpuModel,
                          int logicalCpus, List<String> cpuFlags, String blasCore, String threads, int threadCount,
                          String loadBefore, String loadAfter, Map<String, String> skipped) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    /** Environment variables that change how many threads the native libraries use, or which kernels. */
    static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE");

    public Environment {
        cpuFlags = List.copyOf(cpuFlags);
        skipped = Map.copyOf(skipped);
    }

    /** The JDK of this JVM: {@code java.vm.name} and {@code java.runtime.version}. */
    public static String currentJdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** {@code os.name os.version (os.arch)}. */
    public static String currentOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }

    /**
     * The thread count the native libraries use: {@code OMP_NUM_THREADS} when it is a positive
     * number, else the logical CPU count (OpenMP's and OpenBLAS's default).
     */
    public static int currentThreadCount() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && omp.trim().matches("[1-9][0-9]*")) {
            return Integer.parseInt(omp.trim());
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The {@link #THREAD_VARIABLES} as set in this process, e.g. {@code OMP_NUM_THREADS=unset, ...}. */
    public static String currentThreadSettings() {
        StringBuilder sb = new StringBuilder();
        for (String v : THREAD_VARIABLES) {
            String value = System.getenv(v);
            sb.append(v).append('=').append(value == null ? "unset" : value).append(", ");
        }
        return sb.append(currentThreadCount()).append(" native threads").toString();
    }

    /** {@code model name} of the first processor in {@code /proc/cpuinfo}, or {@code unknown (reason)}. */
    public static String currentCpuModel() {
        return readCpuinfo().map(Environment::cpuModel).orElse("unknown (no /proc/cpuinfo)");
    }

    /** The SIMD flags of the first processor in {@code /proc/cpuinfo}; empty when it cannot be read. */
    public static List<String> currentCpuFlags() {
        return readCpuinfo().map(Environment::simdFlags).orElse(List.of());
    }

    /**
     * The first field of the {@code nd4j} backend's probe among {@code discovered}: the BLAS
     * vendor and the kernel its OpenBLAS runs, and what to set when that kernel falls short of the
     * CPU (e.g. {@code OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)}); the benchmark
     * JVMs inherit this JVM's environment, so they load the same kernel. {@code unknown (reason)}
     * when {@code nd4j} is not discovered or not available.
     */
    public static String nd4jBlas(List<BackendInfo> discovered) {
        Optional<BackendInfo> nd4j = discovered.stream().filter(i -> i.name().equals("nd4j")).findFirst();
        if (nd4j.isEmpty()) {
            return "unknown (no nd4j backend discovered)";
        }
        String detail = nd4j.get().probe().detail();
        if (!nd4j.get().probe().available()) {
            return "unknown (nd4j unavailable: " + detail + ")";
        }
        int end = detail.indexOf("; ");
        return end < 0 ? detail : detail.substring(0, end);
    }

    /** The first three fields of {@code /proc/loadavg}, or {@code unknown}. */
    public static String currentLoad() {
        try {
            String[] f = Files.readString(LOADAVG).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> readCpuinfo() {
        try {
            return Optional.of(Files.readString(CPUINFO));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code model name} of the first processor in {@code cpuinfo} text. */
    static String cpuModel(String cpuinfo) {
        String v = field(cpuinfo, "model name");
        return v == null ? "unknown (no model name in /proc/cpuinfo)" : v;
    }

    /**
     * The flags of the first processor in {@code cpuinfo} text that matter to dense linear
     * algebra, in the order listed: {@code sse4_2}, {@code avx}, {@code avx2}, {@code fma} and
     * every {@code avx512*}, {@code avx_vnni} and {@code amx*} flag.
     */
    static List<String> simdFlags(String cpuinfo) {
        String flags = field(cpuinfo, "flags");
        if (flags == null) {
            return List.of();
        }
        Set<String> exact = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");
        return Arrays.stream(flags.trim().split("\\s+"))
                .filter(f -> exact.contains(f) || f.startsWith("avx512") || f.equals("avx_vnni") || f.startsWith("amx"))
                .toList();
    }

    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Writes this record as JSON to {@code file}. */
    public void write(Path file) {
        try {
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
            AtomicFile.write(file, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    /** Reads a record {@link #write} wrote. */
    public static Environment read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Environment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
