package org.backprop4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Evaluates the performance targets of issue 6 on one run's measurements. */
public final class Targets {
    /** Best backend on {@code large} float32, relative to PyTorch. */
    public static final double LARGE_VS_PYTORCH = 2.0;
    /** A backend's {@code large}-step GFLOP/s relative to its own 1024 {@code A B} gemm GFLOP/s. */
    public static final double STEP_EFFICIENCY = 0.70;
    /** Best backend on {@code tiny}, relative to PyTorch eager. */
    public static final double TINY_VS_PYTORCH = 10.0;
    /** {@code nn-core} on ND4J relative to raw ND4J on {@code large}: at most 10% slower. */
    public static final double OVERHEAD_RATIO = 0.90;
    /** Heap bytes per step below which a step counts as allocation-free. */
    public static final double ALLOCATION_FREE_BYTES = 1024;
    /**
     * Allocation rate (MB/s) below which a step counts as allocation-free whatever its bytes per
     * step: a slow step's figure is then JMH's own per-iteration bookkeeping divided by few steps.
     */
    public static final double ALLOCATION_FREE_MB_PER_SECOND = 0.05;
    /** The gemm size and form the step efficiency is measured against. */
    public static final int EFFICIENCY_GEMM_SIZE = 1024;
    public static final String EFFICIENCY_GEMM_FORM = "AB";

    private Targets() {
    }

    /** All five targets, in the order. */
    public static List<Target> evaluate(Measurements m, PyTorchReference pytorch) {
        return List.of(versusPyTorch(m, pytorch, "large", List.of("float32"), LARGE_VS_PYTORCH),
                stepEfficiency(m), versusPyTorch(m, pytorch, "tiny", m.dtypes(), TINY_VS_PYTORCH),
                frameworkOverhead(m), allocation(m));
    }

    static Target versusPyTorch(Measurements m, PyTorchReference pytorch, String config, List<String> dtypes,
                                double goal) {
        String name = config + " " + String.join("/", dtypes) + " vs PyTorch";
        String text = "`" + config + "` " + String.join(" and ", dtypes) + ": the best backend >= "
                + String.format(Locale.ROOT, "%.0fx", goal) + " PyTorch " + pytorch.torchVersion() + "'s steps/s as it comes "
                + "(its default threading)";
        List<String> figures = new ArrayList<>();
        boolean measured = false;
        boolean met = true;
        for (String dtype : dtypes) {
            Optional<BenchResult> best = m.fastestStep(config, dtype);
            OptionalDouble pt = pytorch.stepsPerSecond(config, dtype);
            if (best.isEmpty() || pt.isEmpty()) {
                figures.add(dtype + ": not measured (" + (best.isEmpty() ? "no backend result" : "no PyTorch figure") + ")");
                continue;
            }
            measured = true;
            double r = best.get().score() / pt.getAsDouble();
            met &= r >= goal;
            String figure = String.format(Locale.ROOT, "%s: best %s %s steps/s, PyTorch %s steps/s: %s", dtype,
                    best.get().param("backend"), Figures.rate(best.get().score()), Figures.rate(pt.getAsDouble()),
                    Figures.ratio(r));
            OptionalDouble tuned = pytorch.tunedStepsPerSecond(config, dtype);
            if (tuned.isPresent()) {
                figure += String.format(Locale.ROOT, " (PyTorch tuned by hand %s steps/s: %s)",
                        Figures.rate(tuned.getAsDouble()), Figures.ratio(best.get().score() / tuned.getAsDouble()));
            }
            figures.add(figure);
        }
        return new Target(name, text, status(measured, met), figures);
    }

    static Target stepEfficiency(Measurements m) {
        String text = "each backend's `large` step GFLOP/s (matrix-multiply FLOPs / step time) >= "
                + Figures.percent(STEP_EFFICIENCY) + " of its own " + EFFICIENCY_GEMM_SIZE + "x" + EFFICIENCY_GEMM_SIZE
                + " `A B` gemm GFLOP/s";
        List<String> figures = new ArrayList<>();
        boolean measured = false;
        boolean met = true;
        for (String backend : m.backends()) {
            for (String dtype : m.dtypes()) {
                Optional<BenchResult> step = m.step(backend, "large", dtype);
                Optional<BenchResult> gemm = m.gemm(backend, dtype, EFFICIENCY_GEMM_SIZE, EFFICIENCY_GEMM_FORM);
                if (step.isEmpty() || gemm.isEmpty()) {
                    continue;
                }
                measured = true;
                double stepGflops = Figures.stepGflops("large", step.get().score());
                double gemmGflops = Figures.gflops(Figures.gemmFlops(EFFICIENCY_GEMM_SIZE), gemm.get().score());
                double e = stepGflops / gemmGflops;
                met &= e >= STEP_EFFICIENCY;
                figures.add(String.format(Locale.ROOT, "%s %s: step %s GFLOP/s, gemm %s GFLOP/s: %s", backend, dtype,
                        Figures.rate(stepGflops), Figures.rate(gemmGflops), Figures.percent(e)));
            }
        }
        return new Target("step efficiency", text, status(measured, met), figures);
    }

    static Target frameworkOverhead(Measurements m) {
        String text = "`large` through nn-core on the `nd4j` backend >= " + Figures.percent(OVERHEAD_RATIO)
                + " of the steps/s of the same step written with ND4J calls";
        List<String> figures = new ArrayList<>();
        boolean measured = false;
        boolean met = true;
        for (String dtype : m.dtypes()) {
            Optional<BenchResult> nn = m.step("nd4j", "large", dtype);
            Optional<BenchResult> raw = m.rawNd4j("large", dtype);
            if (nn.isEmpty() || raw.isEmpty()) {
                figures.add(dtype + ": not measured (" + (nn.isEmpty() ? "no nd4j backend result" : "no raw ND4J result")
                        + ")");
                continue;
            }
            measured = true;
            double r = nn.get().score() / raw.get().score();
            met &= r >= OVERHEAD_RATIO;
            figures.add(String.format(Locale.ROOT, "%s: nn-core %s steps/s, raw ND4J %s steps/s: %s", dtype,
                    Figures.rate(nn.get().score()), Figures.rate(raw.get().score()), Figures.percent(r)));
        }
        return new Target("nn-core overhead on ND4J", text, status(measured, met), figures);
    }

    static Target allocation(Measurements m) {
        String text = "no heap garbage per training step: < " + Figures.bytes(ALLOCATION_FREE_BYTES)
                + " per step (or an allocation rate < " + ALLOCATION_FREE_MB_PER_SECOND + " MB/s) in every step benchmark";
        List<String> figures = new ArrayList<>();
        int measured = 0;
        int free = 0;
        for (String backend : m.backends()) {
            for (String config : m.stepConfigs()) {
                for (String dtype : m.dtypes()) {
                    Optional<BenchResult> r = m.step(backend, config, dtype);
                    if (r.isEmpty() || Double.isNaN(r.get().allocBytesPerOp())) {
                        continue;
                    }
                    measured++;
                    if (allocationFree(r.get())) {
                        free++;
                    } else {
                        figures.add(String.format(Locale.ROOT, "%s %s %s: %s per step", backend, config, dtype,
                                Figures.bytes(r.get().allocBytesPerOp())));
                    }
                }
            }
        }
        figures.add(0, free + " of " + measured + " step benchmarks allocation-free");
        return new Target("allocation per step", text, status(measured > 0, free == measured), figures);
    }

    /** True when {@code r} allocates less than {@link #ALLOCATION_FREE_BYTES} per op or {@link #ALLOCATION_FREE_MB_PER_SECOND}. */
    public static boolean allocationFree(BenchResult r) {
        return r.allocBytesPerOp() < ALLOCATION_FREE_BYTES || r.allocMbPerSecond() < ALLOCATION_FREE_MB_PER_SECOND;
    }

    private static Target.Status status(boolean measured, boolean met) {
        return !measured ? Target.Status.NOT_MEASURED : met ? Target.Status.MET : Target.Status.MISSED;
    }
}
