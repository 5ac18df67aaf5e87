package org.backprop4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which kernel ND4J's bundled OpenBLAS picks on this CPU. OpenBLAS prints {@code Core: NAME}
 * when it loads with {@code OPENBLAS_VERBOSE=2}; {@link #detect()} runs {@link #main} in a child
 * JVM with that variable set and reads the line. The benchmark JVMs inherit the same
 * environment ({@code OPENBLAS_CORETYPE} included), so they get the same kernel.
 */
public final class BlasCoreProbe {
    private static final long TIMEOUT_SECONDS = 60;

    private BlasCoreProbe() {
    }

    /** Loads ND4J and runs one small sgemm, so OpenBLAS initialises and reports its core. */
    public static void main(String[] args) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 8, 8);
        Nd4j.gemm(a, a, Nd4j.create(DataType.FLOAT, 8, 8), false, false, 1.0, 0.0);
        System.out.println("nd4j blas vendor: " + Nd4j.factory().blas().getBlasVendor());
    }

    /**
     * The core OpenBLAS reports, e.g. {@code Cooperlake (OPENBLAS_VERBOSE=2)}, or
     * {@code unknown (reason)} when ND4J does not load or says nothing.
     */
    public static String detect() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Suite.LOGGING, BlasCoreProbe.class.getName())).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_VERBOSE", "2");
        try {
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (the ND4J probe did not finish in " + TIMEOUT_SECONDS + " s)";
            }
            return coreFrom(output, System.getenv("OPENBLAS_CORETYPE"));
        } catch (IOException e) {
            return "unknown (cannot start the ND4J probe: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /**
     * The core named in OpenBLAS's verbose {@code output}, noting a forced {@code coreType}
     * ({@code OPENBLAS_CORETYPE}) when set.
     */
    static String coreFrom(String output, String coreType) {
        String forced = coreType == null || coreType.isBlank() ? "" : ", forced by OPENBLAS_CORETYPE=" + coreType;
        for (String line : output.split("\\R")) {
            String t = line.trim();
            if (t.startsWith("Core:")) {
                return t.substring("Core:".length()).trim() + " (OPENBLAS_VERBOSE=2" + forced + ")";
            }
        }
        String last = output.isBlank() ? "no output" : output.strip().lines().reduce((a, b) -> b).orElse("");
        return "unknown (OpenBLAS printed no core; probe said: " + last + ")";
    }
}
