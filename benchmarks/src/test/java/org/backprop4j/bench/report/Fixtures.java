package org.backprop4j.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The small hand-written run the report tests share ({@code jmh-results.json}): backends naive
 * and nd4j, float32 only; gemm at 1024 ({@code A B}) and 64; steps tiny and large; raw ND4J large;
 * and a PyTorch reference with tiny at 10,000 and large at 10 steps/s.
 */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BenchResult> results() {
        return JmhResults.parse(text("jmh-results.json"));
    }

    static PyTorchReference pytorch() {
        return PyTorchReference.parse(text("pytorch-reference.json"));
    }

    static Environment environment() {
        return new Environment("2025-01-02T03:04:05Z", "./backprop4j bench --quick", "quick", "OpenJDK 17.0.15",
                "Linux 6.1 (amd64)", "AMD EPYC", 2, List.of("avx", "avx2", "fma", "avx512f"),
                "OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)", "OMP_NUM_THREADS=unset, 2 native threads", 2, "0.10 0.20 0.30",
                "1.10 0.50 0.40", java.util.Map.of("ejml", "not discovered: no BackendProvider named 'ejml' on the class path"));
    }
}
