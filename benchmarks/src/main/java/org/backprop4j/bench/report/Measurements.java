package org.backprop4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.backprop4j.bench.FmaPeakBenchmark;

/** The results of one run, looked up by what was measured. */
public final class Measurements {
    /** Simple class names of the suite's benchmarks, as {@link BenchResult#benchmark()} holds them. */
    public static final String GEMM = "GemmBenchmark";
    public static final String STEP = "TrainingStepBenchmark";
    public static final String RAW_ND4J = "RawNd4jStepBenchmark";
    public static final String FMA_PEAK = "FmaPeakBenchmark";
    /** The order backends, configs and dtypes are shown in; anything else follows, sorted. */
    private static final List<String> BACKEND_ORDER = List.of("naive", "ejml", "vector", "nd4j");
    private static final List<String> CONFIG_ORDER = List.of("tiny", "digits", "large");
    private static final List<String> FORM_ORDER = List.of("AB", "ATB", "ABT");

    private final List<BenchResult> results;

    public Measurements(List<BenchResult> results) {
        this.results = List.copyOf(results);
    }

    /** Every backend with a step or gemm result, in the order naive, ejml, vector, nd4j, then others. */
    public List<String> backends() {
        return ordered(results.stream().filter(r -> r.benchmark().equals(STEP) || r.benchmark().equals(GEMM))
                .map(r -> r.param("backend")).distinct().toList(), BACKEND_ORDER);
    }

    /** The step configs measured, in the order tiny, digits, large. */
    public List<String> stepConfigs() {
        return ordered(of(STEP).stream().map(r -> r.param("config")).distinct().toList(), CONFIG_ORDER);
    }

    /** The dtypes measured by any benchmark, sorted (float32 first). */
    public List<String> dtypes() {
        return results.stream().map(r -> r.params().get("dtype")).filter(d -> d != null).distinct().sorted().toList();
    }

    /** The gemm sizes measured, ascending. */
    public List<Integer> gemmSizes() {
        return of(GEMM).stream().map(r -> Integer.parseInt(r.param("size"))).distinct().sorted().toList();
    }

    /** The gemm forms measured, in the order AB, ATB, ABT. */
    public List<String> gemmForms() {
        return ordered(of(GEMM).stream().map(r -> r.param("form")).distinct().toList(), FORM_ORDER);
    }

    public Optional<BenchResult> step(String backend, String config, String dtype) {
        return of(STEP).stream().filter(r -> r.param("backend").equals(backend) && r.param("config").equals(config)
                && r.param("dtype").equals(dtype)).findFirst();
    }

    public Optional<BenchResult> rawNd4j(String config, String dtype) {
        return of(RAW_ND4J).stream().filter(r -> r.param("config").equals(config) && r.param("dtype").equals(dtype))
                .findFirst();
    }

    public Optional<BenchResult> gemm(String backend, String dtype, int size, String form) {
        return of(GEMM).stream().filter(r -> r.param("backend").equals(backend) && r.param("dtype").equals(dtype)
                && Integer.parseInt(r.param("size")) == size && r.param("form").equals(form)).findFirst();
    }

    /**
     * One core's FMA peak in GFLOP/s for {@code dtype} ({@code FmaPeakBenchmark}: its ops/s times
     * the FLOPs of one op), or empty when it was not measured.
     */
    public OptionalDouble fmaPeakGflops(String dtype) {
        return of(FMA_PEAK).stream().filter(r -> r.param("dtype").equals(dtype))
                .mapToDouble(r -> Figures.gflops(FmaPeakBenchmark.FLOPS_PER_OP, r.score())).findFirst();
    }

    /** The best step throughput of any backend for {@code config} and {@code dtype}. */
    public Optional<BenchResult> fastestStep(String config, String dtype) {
        return of(STEP).stream().filter(r -> r.param("config").equals(config) && r.param("dtype").equals(dtype))
                .max(Comparator.comparingDouble(BenchResult::score));
    }

    /** The best gemm throughput of any backend for one dtype, size and form. */
    public OptionalDouble fastestGemm(String dtype, int size, String form) {
        return of(GEMM).stream().filter(r -> r.param("dtype").equals(dtype)
                        && Integer.parseInt(r.param("size")) == size && r.param("form").equals(form))
                .mapToDouble(BenchResult::score).max();
    }

    private List<BenchResult> of(String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    private static List<String> ordered(List<String> values, List<String> order) {
        List<String> out = new ArrayList<>();
        for (String o : order) {
            if (values.contains(o)) {
                out.add(o);
            }
        }
        values.stream().filter(v -> !order.contains(v)).sorted().forEach(out::add);
        return out;
    }
}
