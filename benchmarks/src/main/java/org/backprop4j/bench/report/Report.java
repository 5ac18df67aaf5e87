package org.backprop4j.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.nn.io.AtomicFile;

/** Writes a run's report: {@value #MARKDOWN} and {@value #CHART} into one directory. */
public final class Report {
    public static final String MARKDOWN = "report.md";
    public static final String CHART = "chart.png";

    private Report() {
    }

    /**
     * Writes {@code dir/report.md} and {@code dir/chart.png} (creating {@code dir}) and returns the
     * targets as evaluated: issue 6's ({@link Targets}), then issue 13's ({@link VectorTargets}). PyTorch is compared at the run's thread count ({@link
     * Environment#threadCount()}); without a reference measurement at that count the PyTorch
     * column and targets are "not measured".
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<Target> write(Path dir, List<BenchResult> results, Environment env, PyTorchReference reference) {
        Measurements m = new Measurements(results);
        PyTorchReference pytorch = reference.atThreads(env.threadCount());
        List<Target> targets = new ArrayList<>(Targets.evaluate(m, pytorch));
        targets.addAll(VectorTargets.evaluate(m));
        try {
            Files.createDirectories(dir);
            byte[] markdown = MarkdownReport.render(m, env, pytorch, targets, CHART).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(dir.resolve(MARKDOWN), out -> out.write(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        BarChart.writePng(ReportChart.render(m, pytorch, "backprop4j: throughput per backend (" + env.date() + ", "
                + env.mode() + " run)"), dir.resolve(CHART));
        return targets;
    }
}
