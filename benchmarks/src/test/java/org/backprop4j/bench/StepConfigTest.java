package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.nn.LayerSpec;
import org.junit.jupiter.api.Test;

class StepConfigTest {

    @Test
    void largeNeedsTheIssuesTwoPointSevenGflopPerStep() {
        // layer 1: forward + dW (no dX) = 2 * (2*256*1024*1024); layer 2: 3 * the same; layer 3: 3 * 2*256*1024*10
        assertThat(StepConfig.LARGE.matmulFlops()).isEqualTo(2L * 536_870_912 + 3L * 536_870_912 + 3L * 5_242_880);
        assertThat(StepConfig.LARGE.matmulFlops() / 1e9).isBetween(2.70, 2.71);
    }

    @Test
    void tinyIsOneLinearLayerWhoseInputNeedsNoGradient() {
        assertThat(StepConfig.TINY.layers()).containsExactly(new LayerSpec.Linear(10, 2, true));
        assertThat(StepConfig.TINY.matmulFlops()).isEqualTo(2 * (2L * 8 * 10 * 2));
    }

    @Test
    void reluSitsBetweenLinearLayersButNotAfterTheLast() {
        assertThat(StepConfig.DIGITS.layers()).containsExactly(new LayerSpec.Linear(64, 128, true),
                LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(128, 10, true));
        assertThat(StepConfig.DIGITS.batch()).isEqualTo(64);
    }

    @Test
    void idsRoundTripAndUnknownIdsNameTheAllowedOnes() {
        for (StepConfig c : StepConfig.values()) {
            assertThat(StepConfig.fromId(c.id())).isSameAs(c);
        }
        assertThat(List.of(StepConfig.values()).stream().map(StepConfig::id)).containsExactly("tiny", "digits", "large");
        assertThatThrownBy(() -> StepConfig.fromId("huge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step config 'huge' is unknown; allowed: tiny, digits, large");
    }

    @Test
    void gemmFormsCarryTheirTransposeFlags() {
        assertThat(GemmForm.fromId("ATB").transposeA()).isTrue();
        assertThat(GemmForm.fromId("ATB").transposeB()).isFalse();
        assertThat(GemmForm.fromId("ABT").transposeB()).isTrue();
        assertThat(GemmForm.fromId("AB").formula()).isEqualTo("A B");
        assertThatThrownBy(() -> GemmForm.fromId("BA")).hasMessage("gemm form 'BA' is unknown; allowed: AB, ATB, ABT");
    }
}
