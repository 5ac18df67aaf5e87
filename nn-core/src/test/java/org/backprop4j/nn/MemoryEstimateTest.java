package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    /** 10 -> 20 -> 1, float32, batch 4: every term of the documented formula, by hand. */
    @Test
    void countsWhatTheDocumentationSays() {
        List<LayerSpec> specs = List.of(new LayerSpec.Linear(10, 20, true), LayerSpec.ActivationLayer.of(Activation.RELU),
                new LayerSpec.Linear(20, 1, true));
        long params = 10 * 20 + 20 + 20 + 1; // 241
        long outputs = 20 + 20 + 1; // linear, relu, linear
        long inference = 2 * params * 4 + 8 * 200 + 4 * (10 + outputs) * 4 + 8 * 4 * (10 + 1) * 2;
        assertThat(MemoryEstimate.inference(specs, DType.FLOAT32, 4).bytes()).isEqualTo(inference);
        long training = inference + 4 * outputs * 4 + 5 * params * 4 + 1000;
        assertThat(MemoryEstimate.training(specs, DType.FLOAT32, 4, 5, 1000).bytes()).isEqualTo(training);
        assertThat(MemoryEstimate.inference(specs, DType.FLOAT64, 4).bytes()).isGreaterThan(inference);
    }

    @Test
    void aHugeNetworkIsCountedWithoutOverflowAndReadsInXmxUnits() {
        MemoryEstimate e = MemoryEstimate.training(List.of(new LayerSpec.Linear(46000, 46000, true),
                new LayerSpec.Linear(46000, 46000, true)), DType.FLOAT32, 32, 5, 0);
        assertThat(e.bytes()).isBetween(7L * 4 * 2 * 46000 * 46000, 9L * 4 * 2 * 46000 * 46000);
        assertThat(e.fitsIn(1L << 30)).isFalse();
        assertThat(e.against(1L << 30)).isEqualTo("needs " + MemoryEstimate.format(e.bytes()) + ", the JVM may use 1.0 GB");
        assertThat(MemoryEstimate.format((long) (3.4 * (1L << 30)))).isEqualTo("3.4 GB");
        assertThat(MemoryEstimate.format(12L << 20)).isEqualTo("12.0 MB");
        assertThat(MemoryEstimate.format(512)).isEqualTo("512 bytes");
        assertThat(new MemoryEstimate(4L << 30).suggestedXmx()).isEqualTo("-Xmx5g");
        assertThat(new MemoryEstimate(10).suggestedXmx()).isEqualTo("-Xmx1g");
        assertThat(new MemoryEstimate(Long.MAX_VALUE).suggestedXmx()).startsWith("-Xmx");
    }
}
