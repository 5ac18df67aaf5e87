package org.backprop4j.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.api.Backends;
import org.junit.jupiter.api.Test;

class SoakTest {
    private static final long MB = 1L << 20;

    @Test
    void aShortRunSamplesAsItTrains() {
        List<MemorySample> samples = Soak.run(Backends.discover().get("naive"), 300, 100);
        assertThat(samples).extracting(MemorySample::step).containsExactly(0L, 100L, 200L, 300L);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.heap()).isPositive();
            assertThat(s.javacpp()).as("not asked of JavaCPP on naive").isEqualTo(-1);
        });
    }

    @Test
    void theVerdictMeasuresGrowthFromTheWarmSampleAgainstEachBound() {
        MemorySample cold = new MemorySample(0, 500 * MB, 0, -1, -1, 900 * MB);
        MemorySample warm = new MemorySample(2000, 10 * MB, 0, 40 * MB, 0, 200 * MB);
        MemorySample within = new MemorySample(3000, 13 * MB, 0, 40 * MB, 0, 230 * MB);
        assertThat(Soak.verdict(List.of(cold, warm, within)))
                .isEqualTo("flat: from step 2000 to 3000, heap +3.00 MB (bound 4), off-heap +0.00 MB (bound 1), "
                        + "RSS +30.0 MB (bound 32)");
        MemorySample leaking = new MemorySample(4000, 13 * MB, 0, 42 * MB, 0, 230 * MB);
        assertThat(Soak.verdict(List.of(cold, warm, within, leaking))).startsWith("GROWING:").contains("off-heap +2.00 MB");
        MemorySample heapLeak = new MemorySample(4000, 15 * MB, 0, 40 * MB, 0, 230 * MB);
        assertThat(Soak.verdict(List.of(warm, heapLeak))).startsWith("GROWING:");
        MemorySample nativeLeak = new MemorySample(4000, 10 * MB, 0, 40 * MB, 33 * MB, 200 * MB);
        assertThat(Soak.verdict(List.of(warm, nativeLeak))).as("physical bytes count as resident")
                .startsWith("GROWING:").contains("RSS +33.0 MB");
    }
}
