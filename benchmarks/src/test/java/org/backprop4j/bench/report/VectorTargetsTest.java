package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.backprop4j.bench.FmaPeakBenchmark;
import org.junit.jupiter.api.Test;

class VectorTargetsTest {
    /** 1024^3 x 2 FLOPs: 1 op/s of the 1024 gemm is 2.147 GFLOP/s. */
    private static final double GEMM_1024_GFLOP = 2.147483648;

    private static BenchResult gemm(String backend, String dtype, double gflops) {
        return new BenchResult(Measurements.GEMM, Map.of("backend", backend, "dtype", dtype, "size", "1024", "form", "AB"),
                gflops / GEMM_1024_GFLOP, Double.NaN, "ops/s", 0, 0);
    }

    private static BenchResult step(String backend, String config, String dtype, double stepsPerSecond) {
        return new BenchResult(Measurements.STEP, Map.of("backend", backend, "config", config, "dtype", dtype),
                stepsPerSecond, Double.NaN, "ops/s", 0, 0);
    }

    private final Measurements m = new Measurements(List.of(
            gemm("ejml", "float32", 6.0), gemm("vector", "float32", 60.0), gemm("nd4j", "float32", 100.0),
            gemm("nd4j", "float64", 50.0),
            step("naive", "tiny", "float32", 1000), step("vector", "tiny", "float32", 900),
            step("nd4j", "digits", "float32", 10_000), step("vector", "digits", "float32", 12_000),
            step("nd4j", "large", "float32", 30), step("vector", "large", "float32", 14),
            step("nd4j", "large", "float64", 15)));

    private final List<Target> targets = VectorTargets.evaluate(m);

    @Test
    void evaluatesTheSixTargetsInTheIssuesOrder() {
        assertThat(targets).extracting(Target::name).containsExactly("vector gemm vs nd4j", "vector gemm vs ejml",
                "vector digits vs nd4j", "vector large vs nd4j", "vector tiny vs naive", "nd4j step efficiency");
    }

    @Test
    void gemmIsJudgedInFloat32AgainstNd4jAndEjml() {
        assertThat(targets.get(0).status()).isEqualTo(Target.Status.MET);
        assertThat(targets.get(0).figures()).containsExactly(
                "float32: vector 60.0 GFLOP/s, nd4j 100 GFLOP/s: 0.60x");
        // 60 / 6 = 10x >= 8x
        assertThat(targets.get(1).status()).isEqualTo(Target.Status.MET);
    }

    @Test
    void stepsAreJudgedInEveryDtypeAndAMissingResultIsNamed() {
        Target digits = targets.get(2);
        assertThat(digits.status()).isEqualTo(Target.Status.MET);
        assertThat(digits.figures()).containsExactly("float32: vector 12,000 steps/s, nd4j 10,000 steps/s: 1.20x",
                "float64: not measured (no vector result)");
        // 14 / 30 = 0.47 < 0.50
        assertThat(targets.get(3).status()).isEqualTo(Target.Status.MISSED);
        assertThat(targets.get(4).status()).isEqualTo(Target.Status.MISSED);
    }

    @Test
    void nd4jStepEfficiencyNeedsEightyPercentOfItsGemm() {
        Target t = targets.get(5);
        // float32: 2.70 GFLOP x 30 = 81.0 of 100 (81.0%); float64: 40.5 of 50 (81.0%)
        assertThat(t.status()).isEqualTo(Target.Status.MET);
        assertThat(t.figures()).hasSize(2).allSatisfy(f -> assertThat(f).endsWith(": 81.0%"));
        Measurements slow = new Measurements(List.of(gemm("nd4j", "float32", 100.0), step("nd4j", "large", "float32", 29)));
        assertThat(VectorTargets.nd4jStepEfficiency(slow).status()).isEqualTo(Target.Status.MISSED);
    }

    @Test
    void withoutVectorNothingIsMeasured() {
        Measurements none = new Measurements(List.of(gemm("nd4j", "float32", 100.0)));
        assertThat(VectorTargets.evaluate(none)).extracting(Target::status).containsOnly(Target.Status.NOT_MEASURED);
    }

    @Test
    void theFmaPeakIsTheBenchmarksOpsTimesItsFlopsPerOp() {
        BenchResult peak = new BenchResult(Measurements.FMA_PEAK, Map.of("dtype", "float32"), 100_000, Double.NaN,
                "ops/s", 0, 0);
        Measurements withPeak = new Measurements(List.of(peak));
        // 100,000 ops/s x 1,572,864 FLOPs = 157.3 GFLOP/s
        assertThat(FmaPeakBenchmark.FLOPS_PER_OP).isEqualTo(1_572_864L);
        assertThat(withPeak.fmaPeakGflops("float32").getAsDouble()).isCloseTo(157.2864, offset(1e-9));
        assertThat(withPeak.fmaPeakGflops("float64")).isEmpty();
        assertThat(withPeak.backends()).isEmpty();
    }
}
