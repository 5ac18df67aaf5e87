package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.layers.Dropout;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Sgd;
import org.backprop4j.nn.optim.StepLr;
import org.junit.jupiter.api.Test;

/**
 * Training with cross-entropy on class indices, through the {@link BatchStep} seam: a sharded step
 * (the protocol a distributed trainer follows) trains as the local one up to rounding (its dropout
 * masks are the same: the two halves of a batch draw the same stream in the same order), the epoch and
 * validation losses add batches up by their sums and normalisers, and the model's mode follows fit.
 */
class ClassifierTrainingTest {
    private static final Backend NAIVE = Backends.discover().get("naive");

    /** Three Gaussian blobs in 2-D, class index in the one target column. */
    static Dataset blobs(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centres = {{2, 0}, {-1, 2}, {-1, -2}};
        double[] x = new double[rows * 2];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            x[2 * i] = centres[k][0] + 0.7 * TrainerTest.gaussian(rng);
            x[2 * i + 1] = centres[k][1] + 0.7 * TrainerTest.gaussian(rng);
            y[i] = k;
        }
        return new Dataset(x, 2, y, 1);
    }

    static Sequential network(long seed) {
        return Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 8, true),
                LayerSpec.ActivationLayer.of(Activation.GELU), new LayerSpec.Dropout(0.1), new LayerSpec.Linear(8, 3, true)), seed);
    }

    @Test
    void crossEntropyOnClassIndicesLearnsTheBlobs() {
        Dataset.Split split = blobs(300, 1).split(0.2, new SplittableRandom(2));
        Sequential model = network(3);
        Loss loss = new LossSpec.CrossEntropy(Reduction.MEAN).create(NAIVE);
        History h = new Trainer(model, new Adam(NAIVE, model.parameters(), Adam.Config.of(0.05)), loss,
                new TrainingConfig(15, 16, 4L)).fit(split.training(), split.validation(), TrainingListener.NONE);
        assertThat(h.last().trainingLoss()).isLessThan(h.epochs().get(0).trainingLoss() / 2);
        assertThat(model.isTraining()).as("fit restores the mode the model had").isFalse();
        double[] scores = Inference.predict(model, split.validation().inputs());
        int[] truth = new int[split.validation().size()];
        double[] targets = split.validation().targets();
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) targets[i];
        }
        assertThat(Metrics.accuracy(scores, 3, truth)).as("validation accuracy, chance 1/3").isGreaterThan(0.9);
    }

    @Test
    void validationLossIsTheWeightedMeanOverTheWholeSetWhateverTheBatches() {
        Dataset data = blobs(37, 5);
        LossSpec spec = new LossSpec.CrossEntropy(Reduction.MEAN, 0.1, new double[] {0.5, 2, 1});
        Sequential model = network(7);
        Trainer small = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)), spec.create(NAIVE),
                new TrainingConfig(1, 5, 1L));
        Trainer whole = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)), spec.create(NAIVE),
                new TrainingConfig(1, 37, 1L));
        // batches of 5 with different weight sums: their mean is not the mean of the batch means
        assertThat(small.evaluate(data)).isCloseTo(whole.evaluate(data), within(1e-14));
    }

    @Test
    void aShardedStepTrainsExactlyAsTheLocalOne() {
        Dataset data = blobs(60, 9);
        LossSpec spec = new LossSpec.CrossEntropy(Reduction.MEAN, 0, new double[] {0.5, 2, 1});
        Sequential local = network(11);
        Sequential sharded = network(11);
        Adam a = new Adam(NAIVE, local.parameters(), Adam.Config.of(0.01));
        Adam b = new Adam(NAIVE, sharded.parameters(), Adam.Config.of(0.01));
        History h1 = new Trainer(local, a, new StepLr(a, 3, 0.5), new LocalBatchStep(local, spec.create(NAIVE)),
                new TrainingConfig(4, 16, 5L)).fit(data, null, TrainingListener.NONE);
        History h2 = new Trainer(sharded, b, new StepLr(b, 3, 0.5), new ShardedBatchStep(sharded, spec.create(NAIVE)),
                new TrainingConfig(4, 16, 5L)).fit(data, null, TrainingListener.NONE);
        for (int e = 0; e < 4; e++) {
            assertThat(h2.epochs().get(e).trainingLoss()).isCloseTo(h1.epochs().get(e).trainingLoss(), within(1e-12));
        }
        for (String key : local.namedParameters().keySet()) {
            double[] x = local.stateDict().get(key);
            double[] y = sharded.stateDict().get(key);
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).as(key + "[" + i + "]").isCloseTo(x[i], within(1e-10));
            }
        }
        // 4 epochs of 4 batches: 16 steps, the rate halved after steps 3, 6, 9, 12 and 15
        assertThat(a.learningRate()).isEqualTo(0.01 * Math.pow(0.5, 5), within(1e-18));
    }

    @Test
    void classIndicesMustFitTheOutputs() {
        Sequential model = network(1);
        Trainer t = new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)),
                new LossSpec.CrossEntropy(Reduction.MEAN).create(NAIVE), new TrainingConfig(1, 4, 1L));
        Dataset bad = new Dataset(new double[] {0, 0, 1, 1}, 2, new double[] {0, 3}, 1);
        assertThatThrownBy(() -> t.fit(bad, null, TrainingListener.NONE))
                .hasMessageContaining("target row 1 is class 3.0; expected an integer class index 0 <= k < 3");
        Dataset twoColumns = new Dataset(new double[] {0, 0}, 2, new double[] {0, 1}, 2);
        assertThatThrownBy(() -> t.fit(twoColumns, null, TrainingListener.NONE)).hasMessage("training data has 2 inputs "
                + "and 2 targets per row; the model takes 2 inputs and gives 3 outputs, and cross_entropy takes one "
                + "target column of class indices or one per output");
    }

    @Test
    void dropoutIsOnlyActiveWhileFitting() {
        Sequential model = network(13);
        Dropout dropout = (Dropout) model.layers().get(2);
        boolean[] seen = new boolean[2];
        Loss loss = new LossSpec.CrossEntropy(Reduction.MEAN).create(NAIVE);
        BatchStep spy = new BatchStep() {
            private final LocalBatchStep local = new LocalBatchStep(model, loss);

            @Override
            public BatchLoss gradients(Dataset data, int[] order, int from, int rows) {
                seen[0] = dropout.isTraining();
                return local.gradients(data, order, from, rows);
            }

            @Override
            public BatchLoss loss(Dataset data, int[] order, int from, int rows) {
                seen[1] = dropout.isTraining();
                return local.loss(data, order, from, rows);
            }

            @Override
            public void checkWidths(String what, Dataset data) {
                local.checkWidths(what, data);
            }
        };
        new Trainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)), null, spy,
                new TrainingConfig(1, 8, 1L)).fit(blobs(20, 1), blobs(10, 2), TrainingListener.NONE);
        assertThat(seen[0]).as("training steps in training mode").isTrue();
        assertThat(seen[1]).as("validation in evaluation mode").isFalse();
        assertThat(model.isTraining()).isFalse();
    }

    /**
     * The protocol a distributed trainer follows, on one machine: the batch in two shards, each
     * giving the sum of its loss's terms, its normaliser and the gradient of its sum (added into the
     * parameters' gradients by backward), then one division by the total normaliser.
     */
    private static final class ShardedBatchStep implements BatchStep {
        private final Sequential model;
        private final Loss loss;
        private final LocalBatchStep local;

        ShardedBatchStep(Sequential model, Loss loss) {
            this.model = model;
            this.loss = loss;
            this.local = new LocalBatchStep(model, loss);
        }

        @Override
        public BatchLoss gradients(Dataset data, int[] order, int from, int rows) {
            double sum = 0;
            double normaliser = 0;
            int half = rows / 2;
            for (int[] shard : new int[][] {{from, half}, {from + half, rows - half}}) {
                Dataset part = data.rows(java.util.Arrays.copyOfRange(order, shard[0], shard[0] + shard[1]));
                Tensor x = NAIVE.fromArray(DType.FLOAT64, org.backprop4j.api.Shape.matrix(shard[1], 2), part.inputs());
                Tensor y = NAIVE.fromArray(DType.FLOAT64, org.backprop4j.api.Shape.vector(shard[1]), part.targets());
                sum += loss.forwardSum(model.forward(x), y);
                normaliser += loss.normaliser();
                model.backwardParameters(loss.backward()); // accumulates the shards' gradients of their sums
            }
            for (Parameter p : model.parameters()) {
                NAIVE.scale(1 / normaliser, p.grad(), p.grad());
            }
            return new BatchLoss(sum, normaliser, Reduction.MEAN);
        }

        @Override
        public BatchLoss loss(Dataset data, int[] order, int from, int rows) {
            return local.loss(data, order, from, rows);
        }

        @Override
        public void checkWidths(String what, Dataset data) {
            local.checkWidths(what, data);
        }
    }
}
