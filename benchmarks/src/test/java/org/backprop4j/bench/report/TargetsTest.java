package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private final Measurements m = new Measurements(Fixtures.results());
    private final List<Target> targets = Targets.evaluate(m, Fixtures.pytorch().atThreads(2));

    @Test
    void evaluatesTheFiveTargetsInTheIssuesOrder() {
        assertThat(targets).extracting(Target::name).containsExactly("large float32 vs PyTorch", "step efficiency",
                "tiny float32 vs PyTorch", "nn-core overhead on ND4J", "allocation per step");
    }

    @Test
    void largeComparesTheFastestBackendWithPyTorch() {
        Target t = targets.get(0);
        assertThat(t.status()).isEqualTo(Target.Status.MET);
        assertThat(t.figures()).containsExactly(
                "float32: best nd4j 30.0 steps/s, PyTorch 10.0 steps/s: 3.00x (PyTorch tuned by hand 25.0 steps/s: 1.20x)");
    }

    @Test
    void stepEfficiencyIsMissedWhenAnyBackendFallsShort() {
        Target t = targets.get(1);
        // naive: 2.70 GFLOP/s step vs 4.29 GFLOP/s gemm = 62.9%; nd4j: 81.0 vs 107 = 75.4%
        assertThat(t.status()).isEqualTo(Target.Status.MISSED);
        assertThat(t.figures()).containsExactly("naive float32: step 2.70 GFLOP/s, gemm 4.29 GFLOP/s: 62.9%",
                "nd4j float32: step 81.0 GFLOP/s, gemm 107 GFLOP/s: 75.4%");
    }

    @Test
    void tinyNeedsTenTimesPyTorch() {
        Target t = targets.get(2);
        assertThat(t.status()).isEqualTo(Target.Status.MET);
        assertThat(t.figures()).containsExactly("float32: best naive 200,000 steps/s, PyTorch 10,000 steps/s: 20.00x");
    }

    @Test
    void overheadComparesNnCoreOnNd4jWithRawNd4j() {
        Target t = targets.get(3);
        assertThat(t.status()).isEqualTo(Target.Status.MET);
        assertThat(t.figures()).containsExactly("float32: nn-core 30.0 steps/s, raw ND4J 32.0 steps/s: 93.8%");
    }

    @Test
    void allocationListsEveryStepThatAllocates() {
        Target t = targets.get(4);
        // naive large: 4,156 B/step but 0.005 MB/s, which is JMH's bookkeeping over one step a second
        assertThat(t.status()).isEqualTo(Target.Status.MISSED);
        assertThat(t.figures()).containsExactly("2 of 4 step benchmarks allocation-free",
                "nd4j tiny float32: 9,000 B per step", "nd4j large float32: 120,000 B per step");
    }

    @Test
    void targetsWithoutFiguresAreNotMeasured() {
        Measurements gemmOnly = new Measurements(Fixtures.results().subList(0, 3));
        List<Target> none = Targets.evaluate(gemmOnly, Fixtures.pytorch().atThreads(2));
        assertThat(none).extracting(Target::status).containsOnly(Target.Status.NOT_MEASURED);
    }

    @Test
    void aSlowerBackendThanTwicePyTorchMissesTheLargeTarget() {
        PyTorchReference fast = new PyTorchReference("1.13.1", "2025-01-01", "test", "OpenBLAS",
                List.of(new PyTorchReference.Step("large", "float32", 2, "default", 20.0, 0.0)));
        Target t = Targets.versusPyTorch(m, fast, "large", List.of("float32"), Targets.LARGE_VS_PYTORCH);
        assertThat(t.status()).isEqualTo(Target.Status.MISSED);
        assertThat(t.figures()).containsExactly("float32: best nd4j 30.0 steps/s, PyTorch 20.0 steps/s: 1.50x");
    }

    @Test
    void theTargetIsJudgedAgainstPyTorchAsItComesAndTheTunedSetupIsShownBesideIt() {
        PyTorchReference both = new PyTorchReference("1.13.1", "2025-01-01", "test", "OpenBLAS",
                List.of(new PyTorchReference.Step("large", "float32", 2, "tuned", 40.0, 0.0),
                        new PyTorchReference.Step("large", "float32", 2, "default", 10.0, 0.0)));
        Target t = Targets.versusPyTorch(m, both, "large", List.of("float32"), Targets.LARGE_VS_PYTORCH);
        assertThat(t.status()).isEqualTo(Target.Status.MET);
        assertThat(t.figures()).containsExactly(
                "float32: best nd4j 30.0 steps/s, PyTorch 10.0 steps/s: 3.00x (PyTorch tuned by hand 40.0 steps/s: 0.75x)");
    }
}
