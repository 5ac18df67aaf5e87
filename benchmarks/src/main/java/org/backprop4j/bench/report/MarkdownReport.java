package org.backprop4j.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.backprop4j.bench.FmaPeakBenchmark;
import org.backprop4j.bench.GemmForm;

/** The Markdown report of one run: environment, targets, step, overhead and gemm tables. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * The report text; {@code pytorch} holds the measurements at the run's thread count only.
     *
     * @param chartFile the chart's file name relative to the report, e.g. {@code chart.png}
     */
    public static String render(Measurements m, Environment env, PyTorchReference pytorch, List<Target> targets,
                                String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("# backprop4j benchmarks\n\n");
        md.append("Measured ").append(env.date()).append(" (").append(env.mode()).append(" run) with `")
                .append(env.command()).append("`.\n\n");
        environment(md, env, pytorch);
        targets(md, targets);
        md.append("![Training-step throughput per backend and configuration, and gemm GFLOP/s](")
                .append(chartFile).append(")\n\n");
        steps(md, m, pytorch);
        overhead(md, m);
        gemm(md, m);
        fmaPeak(md, m, env.threadCount());
        md.append("## How to read this\n\n")
                .append("- Throughput is JMH's mean over the measurement iterations (one fork); `±` is half the 99.9% ")
                .append("confidence interval (`-` when JMH gave none). Higher is better.\n")
                .append("- *vs fastest* divides by the fastest backprop4j backend for the same row group; ")
                .append("*vs PyTorch* divides by PyTorch's steps/s from the reference file, as PyTorch comes ")
                .append("(`torch.set_num_threads(N)`, its default of one intra-op thread per core). On more than one ")
                .append("thread the reference also holds PyTorch *tuned by hand* (`torch.set_num_threads(1)`, ")
                .append("OpenBLAS still on N threads), which keeps PyTorch's OpenMP pool from spinning on the cores ")
                .append("its products need; its row shows its own ratio to PyTorch as it comes.\n")
                .append("- Step GFLOP/s counts only the matrix products a step needs (forward, weight gradient, and ")
                .append("input gradient for all but the first layer; `large` = 2.70 GFLOP); gemm GFLOP/s = ")
                .append("2 n^3 x ops/s / 1e9.\n")
                .append("- Heap/step is JMH's `gc.alloc.rate.norm` (`-prof gc`): Java heap bytes per step. Native ")
                .append("(off-heap) memory is not counted. For steps slower than a few per second it includes JMH's ")
                .append("own per-iteration bookkeeping divided by few steps.\n")
                .append("- The machine is shared and has 2 cores: compare the load averages above before trusting ")
                .append("small differences.\n");
        return md.toString();
    }

    private static void environment(StringBuilder md, Environment env, PyTorchReference pytorch) {
        md.append("## Environment\n\n| | |\n|---|---|\n");
        row(md, "JDK", env.jdk());
        row(md, "OS", env.os());
        row(md, "CPU", env.cpuModel() + ", " + env.logicalCpus() + " logical CPUs");
        row(md, "CPU flags (SIMD)", env.cpuFlags().isEmpty() ? "unknown" : String.join(" ", env.cpuFlags()));
        row(md, "nd4j's BLAS and kernel", env.blasCore());
        row(md, "Threads", env.threads());
        row(md, "Load average (1/5/15 min)", "before " + env.loadBefore() + ", after " + env.loadAfter());
        row(md, "PyTorch reference", pytorch.steps().isEmpty()
                ? "none measured at " + threads(env.threadCount())
                : "torch " + pytorch.torchVersion() + " at " + threads(env.threadCount())
                        + (pytorch.steps().stream().anyMatch(s -> s.setup().equals(PyTorchReference.TUNED_SETUP))
                                ? " (as it comes, and tuned by hand)" : "")
                        + ", " + pytorch.blas() + ", "
                        + pytorch.machine() + ", measured " + pytorch.date());
        md.append('\n');
        if (!env.skipped().isEmpty()) {
            md.append("Not measured:\n\n");
            for (Map.Entry<String, String> e : env.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                md.append("- `").append(e.getKey()).append("`: ").append(e.getValue()).append('\n');
            }
            md.append('\n');
        }
    }

    private static void targets(StringBuilder md, List<Target> targets) {
        md.append("## Targets\n\n| target | goal | result | figures |\n|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | **").append(t.status())
                    .append("** | ").append(String.join("<br>", t.figures())).append(" |\n");
        }
        md.append('\n');
    }

    private static void steps(StringBuilder md, Measurements m, PyTorchReference pytorch) {
        md.append("## Training step (forward, MSE, backward, SGD)\n\n")
                .append("| config | dtype | backend | steps/s | ± | vs fastest | vs PyTorch | step GFLOP/s | heap/step |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String config : m.stepConfigs()) {
            for (String dtype : m.dtypes()) {
                Optional<BenchResult> fastest = m.fastestStep(config, dtype);
                if (fastest.isEmpty()) {
                    continue;
                }
                double best = fastest.get().score();
                OptionalDouble pt = pytorch.stepsPerSecond(config, dtype);
                double ptScore = pt.orElse(Double.NaN);
                for (String backend : m.backends()) {
                    Optional<BenchResult> r = m.step(backend, config, dtype);
                    if (r.isEmpty()) {
                        continue;
                    }
                    double s = r.get().score();
                    cells(md, config, dtype, backend, Figures.rate(s), Figures.rate(r.get().error()),
                            Figures.ratio(s / best), Figures.ratio(s / ptScore),
                            Figures.rate(Figures.stepGflops(config, s)), Figures.bytes(r.get().allocBytesPerOp()));
                }
                if (pt.isPresent()) {
                    cells(md, config, dtype, "*PyTorch " + pytorch.torchVersion() + "*", Figures.rate(ptScore), "-",
                            Figures.ratio(ptScore / best), Figures.ratio(1.0),
                            Figures.rate(Figures.stepGflops(config, ptScore)), "-");
                }
                OptionalDouble tuned = pytorch.tunedStepsPerSecond(config, dtype);
                if (tuned.isPresent()) {
                    double t = tuned.getAsDouble();
                    cells(md, config, dtype, "*PyTorch " + pytorch.torchVersion() + ", tuned*", Figures.rate(t), "-",
                            Figures.ratio(t / best), Figures.ratio(t / ptScore),
                            Figures.rate(Figures.stepGflops(config, t)), "-");
                }
            }
        }
        md.append('\n');
    }

    private static void overhead(StringBuilder md, Measurements m) {
        md.append("## Framework overhead: nn-core on ND4J vs raw ND4J\n\n")
                .append("| config | dtype | nn-core on `nd4j` steps/s | raw ND4J steps/s | nn-core / raw | ")
                .append("heap/step nn-core | heap/step raw |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (String config : m.stepConfigs()) {
            for (String dtype : m.dtypes()) {
                Optional<BenchResult> raw = m.rawNd4j(config, dtype);
                if (raw.isEmpty()) {
                    continue;
                }
                Optional<BenchResult> nn = m.step("nd4j", config, dtype);
                double nnScore = nn.map(BenchResult::score).orElse(Double.NaN);
                cells(md, config, dtype, Figures.rate(nnScore), Figures.rate(raw.get().score()),
                        Figures.percent(nnScore / raw.get().score()),
                        Figures.bytes(nn.map(BenchResult::allocBytesPerOp).orElse(Double.NaN)),
                        Figures.bytes(raw.get().allocBytesPerOp()));
            }
        }
        md.append('\n');
    }

    /**
     * Each backend's 1024 {@code A B} gemm and {@code large} step as a share of the run's FMA peak:
     * one core's measured peak times {@code threads}.
     */
    private static void fmaPeak(StringBuilder md, Measurements m, int threads) {
        List<String> dtypes = m.dtypes().stream().filter(d -> m.fmaPeakGflops(d).isPresent()).toList();
        if (dtypes.isEmpty()) {
            return;
        }
        md.append("## Share of the FMA peak\n\n").append("One core's peak, measured by `FmaPeakBenchmark` (")
                .append(FmaPeakBenchmark.CHAINS).append(" independent vector FMA chains on the JDK's preferred ")
                .append("species, registers only): ");
        for (String dtype : dtypes) {
            md.append(dtype).append(' ').append(Figures.rate(m.fmaPeakGflops(dtype).getAsDouble())).append(" GFLOP/s")
                    .append(dtype.equals(dtypes.get(dtypes.size() - 1)) ? "" : ", ");
        }
        md.append(". The run's peak is that times ").append(threads(threads)).append(" (`naive` uses one).\n\n")
                .append("| backend | dtype | gemm ").append(Targets.EFFICIENCY_GEMM_SIZE)
                .append(" `A B` GFLOP/s | share of peak | `large` step GFLOP/s | share of peak |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (String backend : m.backends()) {
            for (String dtype : dtypes) {
                double peak = m.fmaPeakGflops(dtype).getAsDouble() * threads;
                double gemm = m.gemm(backend, dtype, Targets.EFFICIENCY_GEMM_SIZE, Targets.EFFICIENCY_GEMM_FORM)
                        .map(r -> Figures.gflops(Figures.gemmFlops(Targets.EFFICIENCY_GEMM_SIZE), r.score()))
                        .orElse(Double.NaN);
                double step = m.step(backend, "large", dtype).map(r -> Figures.stepGflops("large", r.score()))
                        .orElse(Double.NaN);
                if (Double.isNaN(gemm) && Double.isNaN(step)) {
                    continue;
                }
                cells(md, backend, dtype, Figures.rate(gemm), Figures.percent(gemm / peak), Figures.rate(step),
                        Figures.percent(step / peak));
            }
        }
        md.append('\n');
    }

    private static void gemm(StringBuilder md, Measurements m) {
        md.append("## Matrix multiply through `Backend.gemm` (square n x n)\n\n")
                .append("| n | form | dtype | backend | ops/s | ± | GFLOP/s | vs fastest |\n")
                .append("|---:|---|---|---|---:|---:|---:|---:|\n");
        for (int n : m.gemmSizes()) {
            for (String form : m.gemmForms()) {
                for (String dtype : m.dtypes()) {
                    OptionalDouble best = m.fastestGemm(dtype, n, form);
                    for (String backend : m.backends()) {
                        Optional<BenchResult> r = m.gemm(backend, dtype, n, form);
                        if (r.isEmpty()) {
                            continue;
                        }
                        double s = r.get().score();
                        cells(md, Integer.toString(n), GemmForm.fromId(form).formula(), dtype, backend, Figures.rate(s),
                                Figures.rate(r.get().error()), Figures.rate(Figures.gflops(Figures.gemmFlops(n), s)),
                                Figures.ratio(s / best.orElse(Double.NaN)));
                    }
                }
            }
        }
        md.append('\n');
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static void cells(StringBuilder md, String... values) {
        md.append("| ").append(String.join(" | ", values)).append(" |\n");
    }
}
