package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Backend NAIVE = Backends.discover().get("naive");

    /** y = 2 x0 - 3 x1 + 0.5 + noise(sd 0.01), x ~ N(0, 1). */
    static Dataset linearData(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[rows * 2];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = gaussian(rng);
            x[2 * i + 1] = gaussian(rng);
            y[i] = 2 * x[2 * i] - 3 * x[2 * i + 1] + 0.5 + 0.01 * gaussian(rng);
        }
        return new Dataset(x, 2, y, 1);
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static Sequential linearModel(DType dtype) {
        return Sequential.build(NAIVE, dtype, List.of(new LayerSpec.Linear(2, 1, true)), 3L);
    }

    @Test
    void sgdRecoversALinearMapAndTheLossFalls() {
        Sequential model = linearModel(DType.FLOAT64);
        Dataset.Split split = linearData(256, 1).split(0.25, new SplittableRandom(2));
        Trainer trainer = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)),
                new TrainingConfig(20, 16, 4L));
        History h = trainer.fit(split.training(), split.validation(), TrainingListener.NONE);

        assertThat(h.epochs()).hasSize(20);
        assertThat(h.last().trainingLoss()).isLessThan(h.epochs().get(0).trainingLoss() / 100);
        assertThat(h.last().validationLoss()).isLessThan(1e-3);
        double[] w = model.stateDict().get("0.weight");
        double[] b = model.stateDict().get("0.bias");
        assertThat(w[0]).isCloseTo(2, within(0.01));
        assertThat(w[1]).isCloseTo(-3, within(0.01));
        assertThat(b[0]).isCloseTo(0.5, within(0.01));
        assertThat(h.last().validationLoss()).as("validation loss is the MSE with the final weights")
                .isEqualTo(trainer.evaluate(split.validation()));
        double[] predictions = Inference.predict(model, split.validation().inputs(), 7);
        assertThat(Metrics.mse(predictions, split.validation().targets()))
                .isCloseTo(h.last().validationLoss(), within(1e-15));
    }

    @Test
    void listenerSeesEveryStepAndEpochLossIsTheRowWeightedMean() {
        Sequential model = linearModel(DType.FLOAT64);
        Dataset data = linearData(50, 5);
        List<BatchProgress> steps = new ArrayList<>();
        List<EpochResult> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                steps.add(p);
            }

            @Override
            public void onEpoch(EpochResult r) {
                epochs.add(r);
            }
        };
        History h = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.05)),
                new TrainingConfig(3, 16, 1L)).fit(data, null, listener);

        assertThat(steps).hasSize(3 * 4); // 50 rows in batches of 16, 16, 16, 2
        assertThat(epochs).isEqualTo(h.epochs());
        List<BatchProgress> first = steps.subList(0, 4);
        assertThat(first).extracting(BatchProgress::batch).containsExactly(1, 2, 3, 4);
        assertThat(first).extracting(BatchProgress::samples).containsExactly(16L, 32L, 48L, 50L);
        double weighted = (first.get(0).loss() + first.get(1).loss() + first.get(2).loss()) * 16
                + first.get(3).loss() * 2;
        assertThat(h.epochs().get(0).trainingLoss()).isCloseTo(weighted / 50, within(1e-12));
        assertThat(first.get(3).epochLoss()).isEqualTo(h.epochs().get(0).trainingLoss());
        assertThat(h.last().hasValidation()).isFalse();
        assertThat(Arrays.stream(h.validationLosses()).allMatch(Double::isNaN)).isTrue();
    }

    @Test
    void sameSeedsGiveBitwiseTheSameRun() {
        double[][] runs = new double[3][];
        long[] shuffleSeeds = {8, 8, 9};
        for (int r = 0; r < 3; r++) {
            Sequential model = Sequential.build(NAIVE, DType.FLOAT32, List.of(new LayerSpec.Linear(2, 8, true),
                    LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(8, 1, true)), 3L);
            History h = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.01)),
                    new TrainingConfig(4, 10, shuffleSeeds[r])).fit(linearData(64, 2), null, TrainingListener.NONE);
            runs[r] = h.trainingLosses();
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
        assertThat(runs[2]).isNotEqualTo(runs[0]);
    }

    @Test
    void anMlpWithAdamLearnsXor() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        Sequential model = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 8, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(8, 1, true)), 5L);
        Dataset data = Dataset.ofRows(x, y);
        History h = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.05)),
                new TrainingConfig(300, 4, 1L)).fit(data, null, TrainingListener.NONE);
        assertThat(h.last().trainingLoss()).isLessThan(0.01);
        double[] p = Inference.predict(model, data.inputs());
        assertThat(Arrays.stream(p).map(Math::round).toArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void divergenceStopsWithAMessage() {
        Sequential model = linearModel(DType.FLOAT64);
        Trainer trainer = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(1e6)),
                new TrainingConfig(50, 8, 1L));
        assertThatThrownBy(() -> trainer.fit(linearData(64, 1), null, TrainingListener.NONE))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("training diverged")
                .hasMessageContaining("try a smaller learning rate");
    }

    @Test
    void rejectsDataOfTheWrongWidth() {
        Sequential model = linearModel(DType.FLOAT64);
        Trainer trainer = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)),
                new TrainingConfig(1, 8, 1L));
        Dataset threeInputs = new Dataset(new double[6], 3, new double[2], 1);
        assertThatThrownBy(() -> trainer.fit(threeInputs, null, TrainingListener.NONE))
                .hasMessageContaining("training data has 3 inputs and 1 targets per row; the model takes 2 inputs");
        assertThatThrownBy(() -> new TrainingConfig(0, 8, 1L)).hasMessageContaining("epochs (0) must be >= 1");
    }
}
