package org.backprop4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Evaluates the performance targets of issue 13 (the pure-Java {@code vector} backend against the
 * native {@code nd4j} one, and nd4j's own step efficiency) on one run's measurements. Every target
 * is a ratio of two figures of the same run, so it holds at the run's thread count only; the
 * issue asks for it at 2 threads and at 1.
 */
public final class VectorTargets {
    /** vector's 1024 {@code A B} float32 gemm GFLOP/s relative to nd4j's. */
    public static final double GEMM_VS_ND4J = 0.60;
    /** vector's 1024 {@code A B} float32 gemm GFLOP/s relative to ejml's. */
    public static final double GEMM_VS_EJML = 8.0;
    /** vector's {@code digits} steps/s relative to nd4j's. */
    public static final double DIGITS_VS_ND4J = 1.0;
    /** vector's {@code large} steps/s relative to nd4j's. */
    public static final double LARGE_VS_ND4J = 0.50;
    /** vector's {@code tiny} steps/s relative to naive's. */
    public static final double TINY_VS_NAIVE = 1.0;
    /** nd4j's {@code large}-step GFLOP/s relative to its own 1024 {@code A B} gemm GFLOP/s. */
    public static final double ND4J_STEP_EFFICIENCY = 0.80;

    private static final String VECTOR = "vector";
    private static final String ND4J = "nd4j";
    private static final String FLOAT32 = "float32";

    private VectorTargets() {
    }

    /** The six targets, in the order. */
    public static List<Target> evaluate(Measurements m) {
        return List.of(gemm(m, ND4J, GEMM_VS_ND4J), gemm(m, "ejml", GEMM_VS_EJML),
                step(m, "digits", ND4J, DIGITS_VS_ND4J), step(m, "large", ND4J, LARGE_VS_ND4J),
                step(m, "tiny", "naive", TINY_VS_NAIVE), nd4jStepEfficiency(m));
    }

    /** vector's float32 gemm at 1024 ({@code A B}) against {@code other}'s, in GFLOP/s. */
    static Target gemm(Measurements m, String other, double goal) {
        String text = "vector's " + Targets.EFFICIENCY_GEMM_SIZE + " `A B` float32 gemm GFLOP/s >= " + goal(goal)
                + " " + other + "'s";
        return ratio("vector gemm vs " + other, text, List.of(FLOAT32), goal,
                (backend, dtype) -> m.gemm(backend, dtype, Targets.EFFICIENCY_GEMM_SIZE, Targets.EFFICIENCY_GEMM_FORM)
                        .map(r -> Figures.gflops(Figures.gemmFlops(Targets.EFFICIENCY_GEMM_SIZE), r.score())),
                other, "GFLOP/s");
    }

    /** vector's steps/s on {@code config} against {@code other}'s, in every dtype measured. */
    static Target step(Measurements m, String config, String other, double goal) {
        String text = "vector's `" + config + "` steps/s >= " + goal(goal) + " " + other + "'s, in every dtype";
        return ratio("vector " + config + " vs " + other, text, m.dtypes(), goal,
                (backend, dtype) -> m.step(backend, config, dtype).map(BenchResult::score), other, "steps/s");
    }

    static Target nd4jStepEfficiency(Measurements m) {
        String text = "nd4j's `large` step GFLOP/s >= " + Figures.percent(ND4J_STEP_EFFICIENCY) + " of its own "
                + Targets.EFFICIENCY_GEMM_SIZE + " `A B` gemm GFLOP/s, in every dtype";
        List<String> figures = new ArrayList<>();
        boolean measured = false;
        boolean met = true;
        for (String dtype : m.dtypes()) {
            Optional<BenchResult> step = m.step(ND4J, "large", dtype);
            Optional<BenchResult> gemm = m.gemm(ND4J, dtype, Targets.EFFICIENCY_GEMM_SIZE, Targets.EFFICIENCY_GEMM_FORM);
            if (step.isEmpty() || gemm.isEmpty()) {
                figures.add(dtype + ": not measured");
                continue;
            }
            measured = true;
            double stepGflops = Figures.stepGflops("large", step.get().score());
            double gemmGflops = Figures.gflops(Figures.gemmFlops(Targets.EFFICIENCY_GEMM_SIZE), gemm.get().score());
            double e = stepGflops / gemmGflops;
            met &= e >= ND4J_STEP_EFFICIENCY;
            figures.add(String.format(Locale.ROOT, "%s: step %s GFLOP/s, gemm %s GFLOP/s: %s", dtype,
                    Figures.rate(stepGflops), Figures.rate(gemmGflops), Figures.percent(e)));
        }
        return new Target("nd4j step efficiency", text, status(measured, met), figures);
    }

    /**
     * {@code figure(vector, dtype) / figure(other, dtype) >= goal} for every dtype in {@code dtypes};
     * met when every measured dtype meets it, not measured when none could be compared.
     */
    private static Target ratio(String name, String text, List<String> dtypes, double goal,
                                BiFunction<String, String, Optional<Double>> figure, String other, String unit) {
        List<String> figures = new ArrayList<>();
        boolean measured = false;
        boolean met = true;
        for (String dtype : dtypes) {
            Optional<Double> mine = figure.apply(VECTOR, dtype);
            Optional<Double> theirs = figure.apply(other, dtype);
            if (mine.isEmpty() || theirs.isEmpty()) {
                figures.add(dtype + ": not measured (no " + (mine.isEmpty() ? VECTOR : other) + " result)");
                continue;
            }
            measured = true;
            double r = mine.get() / theirs.get();
            met &= r >= goal;
            figures.add(String.format(Locale.ROOT, "%s: vector %s %s, %s %s %s: %s", dtype, Figures.rate(mine.get()),
                    unit, other, Figures.rate(theirs.get()), unit, Figures.ratio(r)));
        }
        return new Target(name, text, status(measured, met), figures);
    }

    private static String goal(double goal) {
        return goal < 1 ? Figures.percent(goal) + " of" : Figures.ratio(goal);
    }

    private static Target.Status status(boolean measured, boolean met) {
        return !measured ? Target.Status.NOT_MEASURED : met ? Target.Status.MET : Target.Status.MISSED;
    }
}
