package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;

/**
 * The benchmarked steps do real work: nn-core's step trains, and the hand-written ND4J step
 * computes the same thing from the same starting point.
 */
class TrainingStepTest {
    private static final Backend NAIVE = Backends.discover().get("naive");

    @Test
    void aStepLowersTheLossOnItsFixedBatch() {
        TrainingStep step = new TrainingStep(NAIVE, DType.FLOAT64, StepConfig.DIGITS, 42);
        double first = step.run();
        double last = first;
        for (int i = 0; i < 20; i++) {
            double next = step.run();
            assertThat(next).isLessThan(last);
            last = next;
        }
        assertThat(last).isLessThan(first);
    }

    @Test
    void theSameSeedGivesTheSameStep() {
        TrainingStep a = new TrainingStep(NAIVE, DType.FLOAT32, StepConfig.TINY, 7);
        TrainingStep b = new TrainingStep(NAIVE, DType.FLOAT32, StepConfig.TINY, 7);
        TrainingStep c = new TrainingStep(NAIVE, DType.FLOAT32, StepConfig.TINY, 8);
        assertThat(a.run()).isEqualTo(b.run()).isNotEqualTo(c.run());
    }

    @Test
    void rawNd4jComputesTheSameStepAsNnCore() {
        for (StepConfig config : new StepConfig[] {StepConfig.TINY, StepConfig.DIGITS}) {
            TrainingStep nn = new TrainingStep(NAIVE, DType.FLOAT64, config, 42);
            RawNd4jStep raw = new RawNd4jStep(DType.FLOAT64, config, 42);
            for (int i = 0; i < 3; i++) {
                assertThat(raw.run()).as("%s loss at step %d", config, i).isCloseTo(nn.run(), within(1e-12));
            }
            var params = nn.model().stateDict();
            int layers = config.widths().length - 1;
            for (int l = 0; l < layers; l++) {
                String prefix = (2 * l) + "."; // Linear layers sit at even indices, ReLU between them
                assertThat(raw.weight(l)).as("%s layer %d weight", config, l)
                        .containsExactly(params.get(prefix + "weight"), within(1e-12));
                assertThat(raw.bias(l)).as("%s layer %d bias", config, l)
                        .containsExactly(params.get(prefix + "bias"), within(1e-12));
            }
        }
    }
}
