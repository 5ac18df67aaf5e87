package org.backprop4j.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.backprop4j.bench.BenchBackends;
import org.backprop4j.bench.BenchThreads;

/**
 * Makes the report from JMH results that were run by hand:
 * {@code ReportMain RESULTS.json [OUT_DIR] [PYTORCH.json]}. When {@code OUT_DIR} holds an
 * {@code environment.json} (written by the bench suite) it is used; otherwise the environment is
 * detected now, which is right when the report is made on the machine that ran the benchmarks;
 * PyTorch is compared at the thread setting ({@code -Dbackprop4j.threads}, {@code BACKPROP4J_THREADS}) if given, else at the
 * logical CPU count (or {@code OMP_NUM_THREADS}).
 */
public final class ReportMain {
    private ReportMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ReportMain RESULTS.json [OUT_DIR] [PYTORCH.json]");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : results.toAbsolutePath().getParent();
        PyTorchReference pytorch = args.length > 2 ? PyTorchReference.read(Path.of(args[2])) : PyTorchReference.bundled();
        Path envFile = out.resolve("environment.json");
        Environment env = Files.isRegularFile(envFile) ? Environment.read(envFile)
                : new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "java -cp ... org.openjdk.jmh.Main ... -prof gc -rf json", "external",
                        Environment.currentJdk(), Environment.currentOs(), Environment.currentCpuModel(),
                        Runtime.getRuntime().availableProcessors(), Environment.currentCpuFlags(),
                        Environment.nd4jBlas(BenchBackends.discover().describe()),
                        Environment.currentThreadSettings(),
                        BenchThreads.configured().orElse(Environment.currentThreadCount()), "unknown",
                        Environment.currentLoad(), Map.of());
        for (Target t : Report.write(out, JmhResults.read(results), env, pytorch)) {
            System.out.println(t.name() + ": " + t.status());
        }
        System.out.println("wrote " + out.resolve(Report.MARKDOWN) + " and " + out.resolve(Report.CHART));
    }
}
