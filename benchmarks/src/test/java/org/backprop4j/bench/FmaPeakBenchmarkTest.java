package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class FmaPeakBenchmarkTest {
    @Test
    void eachChainRunsTheRoundsItsFlopCountClaims() {
        // acc = acc * 1 + 1 from 1: every lane of every chain ends at 1 + rounds, rounds = 65536 / lanes,
        // so the sum is CHAINS x (lanes + 65536): FLOPS_PER_OP / 2 lane FMAs in all
        int lanesF = FloatVector.SPECIES_PREFERRED.length();
        assertThat(FmaPeakBenchmark.floatChains(1f, 1f))
                .isEqualTo(FmaPeakBenchmark.CHAINS * (lanesF + FmaPeakBenchmark.FLOPS_PER_OP / 2.0 / FmaPeakBenchmark.CHAINS));
        int lanesD = DoubleVector.SPECIES_PREFERRED.length();
        assertThat(FmaPeakBenchmark.doubleChains(1.0, 1.0))
                .isEqualTo(FmaPeakBenchmark.CHAINS * (lanesD + FmaPeakBenchmark.FLOPS_PER_OP / 2.0 / FmaPeakBenchmark.CHAINS));
    }

    @Test
    void theBenchmarksOwnFactorsKeepTheAccumulatorsFinite() {
        FmaPeakBenchmark b = new FmaPeakBenchmark();
        b.dtype = "float32";
        b.setUp();
        // every lane converges to 0.25 / (1 - 0.5) = 0.5
        assertThat(b.fma()).isEqualTo(FmaPeakBenchmark.CHAINS * FloatVector.SPECIES_PREFERRED.length() * 0.5);
        b.dtype = "float64";
        b.setUp();
        assertThat(b.fma()).isEqualTo(FmaPeakBenchmark.CHAINS * DoubleVector.SPECIES_PREFERRED.length() * 0.5);
    }
}
