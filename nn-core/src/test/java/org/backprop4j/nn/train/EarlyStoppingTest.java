package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.TestBackends;
import org.backprop4j.nn.optim.Adam;
import org.junit.jupiter.api.Test;

/**
 * Early stopping: the rule on its own (strictly lower is better, NaN never is, patience counts epochs
 * in a row), and in {@link Trainer}: a network that overfits stops patience epochs after its best
 * epoch and holds that epoch's weights, as it does when its epochs run out first.
 */
class EarlyStoppingTest {
    private static final Backend NAIVE = TestBackends.naive();

    @Test
    void aStrictlyLowerLossIsAnImprovementAndPatienceCountsEpochsWithoutOne() {
        EarlyStopping e = new EarlyStopping(2);
        assertThat(e.observe(1, 1.0)).isTrue();
        assertThat(e.observe(2, 1.0)).as("a tie is no improvement").isFalse();
        assertThat(e.exhausted()).isFalse();
        assertThat(e.observe(3, 0.5)).isTrue();
        assertThat(e.observe(4, Double.NaN)).as("NaN is no improvement").isFalse();
        assertThat(e.observe(5, 0.6)).isFalse();
        assertThat(e.exhausted()).isTrue();
        assertThat(e.state()).isEqualTo(new EarlyStopping.State(3, 0.5, 2));
        EarlyStopping resumed = new EarlyStopping(2);
        resumed.restore(new EarlyStopping.State(3, 0.5, 1));
        assertThat(resumed.observe(5, 0.5)).isFalse();
        assertThat(resumed.exhausted()).isTrue();
        assertThatThrownBy(() -> new EarlyStopping(0)).hasMessage("patience (0) must be >= 1");
        assertThatThrownBy(() -> new TrainingConfig(5, 8, 1L, -1))
                .hasMessage("patience (-1) must be >= 0; 0 turns early stopping off");
    }

    /** y = x0 + noise(sd 1) on few rows: a wide network fits the noise and its validation loss rises. */
    static Dataset.Split noisy(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 60;
        double[] x = new double[rows * 3];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = TrainerTest.gaussian(rng);
            }
            y[i] = x[3 * i] + TrainerTest.gaussian(rng);
        }
        return new Dataset(x, 3, y, 1).split(0.4, new SplittableRandom(seed + 1));
    }

    static Sequential wide(DType dtype) {
        return Sequential.build(NAIVE, dtype, List.of(new LayerSpec.Linear(3, 64, true), LayerSpec.ActivationLayer.of(Activation.RELU),
                new LayerSpec.Linear(64, 64, true), LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(64, 1, true)), 2L);
    }

    /** Each epoch's weights, as the listener sees them when the epoch ends. */
    static final class Recorder implements TrainingListener {
        final Sequential model;
        final List<Map<String, double[]>> weights = new ArrayList<>();

        Recorder(Sequential model) {
            this.model = model;
        }

        @Override
        public void onEpoch(EpochResult result) {
            weights.add(model.stateDict());
        }
    }

    static int argmin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    static void assertWeights(Map<String, double[]> actual, Map<String, double[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(actual.get(k)).as(k).isEqualTo(expected.get(k));
        }
    }

    @Test
    void anOverfittingRunStopsPatienceEpochsAfterItsBestAndKeepsItsWeights() {
        for (DType dtype : DType.values()) {
            Dataset.Split split = noisy(1);
            Sequential model = wide(dtype);
            Recorder recorder = new Recorder(model);
            Trainer trainer = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.01)),
                    new TrainingConfig(200, 8, 3L, 5));
            History h = trainer.fit(split.training(), split.validation(), recorder);

            int best = argmin(h.validationLosses());
            assertThat(h.stopReason()).as(dtype + ": the validation loss rises, so patience runs out")
                    .isEqualTo(StopReason.PATIENCE);
            assertThat(h.keptEpoch()).isEqualTo(best);
            assertThat(h.epochs()).hasSize(best + 5);
            assertThat(best).as("it stopped long before 200 epochs").isLessThan(100);
            assertThat(h.last().trainingLoss()).as("it overfits: training keeps falling after the best epoch")
                    .isLessThan(h.kept().trainingLoss());
            assertWeights(model.stateDict(), recorder.weights.get(best - 1));
            assertThat(trainer.evaluate(split.validation())).isEqualTo(h.kept().validationLoss());
            assertWeights(trainer.state().weights(), recorder.weights.get(h.epochs().size() - 1));
        }
    }

    @Test
    void whenTheEpochsRunOutFirstTheBestEpochIsStillKept() {
        Dataset.Split split = noisy(1);
        Sequential model = wide(DType.FLOAT64);
        Recorder recorder = new Recorder(model);
        History patient = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.01)),
                new TrainingConfig(40, 8, 3L, 1000)).fit(split.training(), split.validation(), recorder);
        assertThat(patient.stopReason()).isEqualTo(StopReason.EPOCHS_DONE);
        assertThat(patient.keptEpoch()).isEqualTo(argmin(patient.validationLosses())).isLessThan(40);
        assertWeights(model.stateDict(), recorder.weights.get(patient.keptEpoch() - 1));

        Sequential off = wide(DType.FLOAT64);
        History all = new Trainer(off, new Adam(NAIVE, off.parameters(), Adam.Config.of(0.01)),
                new TrainingConfig(40, 8, 3L, 0)).fit(split.training(), split.validation(), TrainingListener.NONE);
        assertThat(all.keptEpoch()).as("patience 0: no early stopping, the last epoch").isEqualTo(40);
        assertThat(all.validationLosses()).as("the same run until then").isEqualTo(patient.validationLosses());
        Sequential noValidation = wide(DType.FLOAT64);
        History without = new Trainer(noValidation, new Adam(NAIVE, noValidation.parameters(), Adam.Config.of(0.01)),
                new TrainingConfig(40, 8, 3L, 5)).fit(split.training(), null, TrainingListener.NONE);
        assertThat(without.keptEpoch()).as("no validation rows: no early stopping").isEqualTo(40);
        assertThat(without.stopReason()).isEqualTo(StopReason.EPOCHS_DONE);
    }
}
