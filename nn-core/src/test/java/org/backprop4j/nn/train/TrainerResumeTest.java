package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.StepLr;
import org.junit.jupiter.api.Test;

/**
 * A run saved between epochs or between batches (stopped by {@link Trainer#requestStop()}) and
 * restored into a new trainer continues bitwise as the run that never stopped: weights, history,
 * kept epoch, with dropout, a schedule and early stopping, in both dtypes.
 */
class TrainerResumeTest {
    private static final Backend NAIVE = TestBackends.naive();

    private static Dataset.Split data() {
        return ClassifierTrainingTest.blobs(90, 7).split(0.3, new SplittableRandom(8));
    }

    private record Run(Sequential model, Trainer trainer) {
    }

    private static Run run(DType dtype, int epochs) {
        Sequential model = Sequential.build(NAIVE, dtype, List.of(new LayerSpec.Linear(2, 16, true),
                LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Dropout(0.3), new LayerSpec.Linear(16, 16, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Dropout(0.2), new LayerSpec.Linear(16, 3, true)), 4L);
        AdamW optimizer = new AdamW(NAIVE, model.parameters(), AdamW.defaults(0.02));
        return new Run(model, new Trainer(model, optimizer, new StepLr(optimizer, 7, 0.7),
                new LocalBatchStep(model, new org.backprop4j.nn.LossSpec.CrossEntropy(
                        org.backprop4j.nn.loss.Reduction.MEAN).create(NAIVE)), new TrainingConfig(epochs, 8, 5L, 30)));
    }

    private static void assertSameRun(Run resumed, History r, Run straight, History s) {
        EarlyStoppingTest.assertWeights(resumed.model().stateDict(), straight.model().stateDict());
        EarlyStoppingTest.assertWeights(resumed.trainer().state().weights(), straight.trainer().state().weights());
        assertThat(r.trainingLosses()).isEqualTo(s.trainingLosses());
        assertThat(r.validationLosses()).isEqualTo(s.validationLosses());
        assertThat(r.keptEpoch()).isEqualTo(s.keptEpoch());
        assertThat(r.stopReason()).isEqualTo(s.stopReason());
    }

    @Test
    void sixEpochsThenSixMoreAreTwelveEpochs() {
        for (DType dtype : DType.values()) {
            Dataset.Split split = data();
            Run straight = run(dtype, 12);
            History s = straight.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);
            assertThat(s.stopReason()).isEqualTo(StopReason.EPOCHS_DONE);

            Run first = run(dtype, 6);
            History h6 = first.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);
            assertThat(h6.epochs()).hasSize(6);
            TrainingState saved = first.trainer().state();
            assertThat(saved.position()).isEqualTo(new TrainingState.Position(6, 0, saved.position().partial(), 0));

            Run resumed = run(dtype, 12);
            resumed.trainer().restore(saved);
            History r = resumed.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);
            assertSameRun(resumed, r, straight, s);
        }
    }

    @Test
    void aRunStoppedWithinAnEpochResumesAtTheNextBatch() {
        for (DType dtype : DType.values()) {
            Dataset.Split split = data();
            Run straight = run(dtype, 9);
            History s = straight.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);

            Run first = run(dtype, 9);
            History stopped = first.trainer().fit(split.training(), split.validation(), new TrainingListener() {
                @Override
                public void onBatch(BatchProgress p) {
                    if (p.epoch() == 4 && p.batch() == 3) {
                        first.trainer().requestStop();
                    }
                }
            });
            assertThat(stopped.stopReason()).isEqualTo(StopReason.INTERRUPTED);
            assertThat(stopped.epochs()).hasSize(3);
            assertThat(stopped.keptEpoch()).as("the best of the finished epochs").isBetween(1, 3);
            TrainingState saved = first.trainer().state();
            assertThat(saved.position().epoch()).isEqualTo(3);
            assertThat(saved.position().batch()).isEqualTo(3);
            assertThat(saved.position().samples()).isEqualTo(24);
            assertThat(saved.stopReason()).isEqualTo(StopReason.INTERRUPTED);
            assertThatThrownBy(() -> first.trainer().fit(split.training(), split.validation(), TrainingListener.NONE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("this trainer's run has ended");

            Run resumed = run(dtype, 9);
            resumed.trainer().restore(saved);
            History r = resumed.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);
            assertSameRun(resumed, r, straight, s);
        }
    }

    @Test
    void aStopRequestedInTheLastBatchFinishesThatEpoch() {
        Dataset.Split split = data();
        Run run = run(DType.FLOAT64, 9);
        int batches = (split.training().size() + 7) / 8;
        History h = run.trainer().fit(split.training(), split.validation(), new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 2 && p.batch() == batches) {
                    run.trainer().requestStop();
                }
            }
        });
        assertThat(h.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(h.epochs()).hasSize(2);
        assertThat(h.last().hasValidation()).isTrue();
        assertThat(run.trainer().state().position().batch()).isZero();
    }

    @Test
    void withoutEarlyStoppingAnInterruptedRunKeepsItsLatestWeights() {
        Dataset.Split split = data();
        Sequential model = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 3, true)), 1L);
        Trainer trainer = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.01)),
                new org.backprop4j.nn.LossSpec.CrossEntropy(org.backprop4j.nn.loss.Reduction.MEAN).create(NAIVE),
                new TrainingConfig(5, 8, 1L, 0));
        Map<String, double[]>[] latest = new Map[1];
        History h = trainer.fit(split.training(), split.validation(), new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 2 && p.batch() == 1) {
                    trainer.requestStop();
                    latest[0] = model.stateDict();
                }
            }
        });
        assertThat(h.keptEpoch()).as("within an epoch: the weights as they were").isZero();
        assertThat(h.kept()).isNull();
        EarlyStoppingTest.assertWeights(model.stateDict(), latest[0]);
    }

    @Test
    void aStateFromAnotherKindOfRunIsRefused() {
        Dataset.Split split = data();
        Run done = run(DType.FLOAT64, 2);
        done.trainer().fit(split.training(), split.validation(), TrainingListener.NONE);
        TrainingState state = done.trainer().state();
        Sequential plain = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 3, true)), 1L);
        Trainer noSchedule = new Trainer(plain, new Adam(NAIVE, plain.parameters(), Adam.Config.of(0.01)),
                new TrainingConfig(5, 8, 1L, 30));
        assertThatThrownBy(() -> noSchedule.restore(state))
                .hasMessage("the saved run had a learning-rate schedule; this trainer has none");
        TrainingState stoppedEarly = new TrainingState(state.position(), state.weights(), state.optimizer(),
                state.schedulerSteps(), state.earlyStopping(), state.bestWeights(), state.history(), StopReason.PATIENCE);
        assertThatThrownBy(() -> run(DType.FLOAT64, 9).trainer().restore(stoppedEarly))
                .hasMessageStartingWith("the saved run stopped early after epoch 2 (patience exhausted; best epoch");
    }
}
