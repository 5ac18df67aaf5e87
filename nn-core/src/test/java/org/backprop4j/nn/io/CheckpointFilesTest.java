package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.TestBackends;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.StepLr;
import org.backprop4j.nn.train.BatchProgress;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.LocalBatchStep;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;
import org.backprop4j.nn.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written beside a model and read back is the same state, number for number, in both
 * dtypes (mid-epoch, with a schedule, early stopping and its best weights); a checkpoint that does
 * not fit the network, or a file that is not one, is refused naming the file and what is wrong.
 */
class CheckpointFilesTest {
    private static final Backend NAIVE = TestBackends.naive();
    private static final DataSource DATA = new DataSource("data/x.csv", 1234, "ab".repeat(32));

    @TempDir
    Path tmp;

    private static Sequential network(DType dtype, int hidden) {
        return Sequential.build(NAIVE, dtype, List.of(new LayerSpec.Linear(2, hidden, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Dropout(0.2), new LayerSpec.Linear(hidden, 1, true)), 1L);
    }

    /** A run of 2 epochs and 3 batches of a third, with a schedule and early stopping. */
    private static TrainingState midRun(Sequential model) {
        SplittableRandom rng = new SplittableRandom(4);
        double[] x = new double[80];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[2 * i] = rng.nextDouble();
            x[2 * i + 1] = rng.nextDouble();
            y[i] = x[2 * i] - x[2 * i + 1];
        }
        Dataset.Split split = new Dataset(x, 2, y, 1).split(0.25, new SplittableRandom(5));
        AdamW optimizer = new AdamW(NAIVE, model.parameters(), AdamW.defaults(0.01));
        Trainer trainer = new Trainer(model, optimizer, new StepLr(optimizer, 4, 0.5), new LocalBatchStep(model,
                new LossSpec.Mse(Reduction.MEAN).create(NAIVE)), new TrainingConfig(10, 8, 3L, 5));
        trainer.fit(split.training(), split.validation(), new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 3 && p.batch() == 3) {
                    trainer.requestStop();
                }
            }
        });
        return trainer.state();
    }

    private static void write(Path dir, Sequential model, Checkpoint checkpoint) throws Exception {
        try (ModelDirectoryWriter w = ModelDirectoryWriter.prepare(dir, ModelDirectoryWriter.Existing.REPLACE,
                Set.copyOf(CheckpointFiles.names()))) {
            w.writeModel(new SavedModel(model, Normalization.NONE, List.of(), List.of(), null, null, null));
            CheckpointFiles.write(w, checkpoint, model);
            w.commit();
        }
    }

    private static void assertSameValues(Map<String, double[]> actual, Map<String, double[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void aCheckpointReadsBackNumberForNumber() throws Exception {
        for (DType dtype : DType.values()) {
            Sequential model = network(dtype, 6);
            TrainingState state = midRun(model);
            assertThat(state.position().epoch()).isEqualTo(2);
            assertThat(state.position().batch()).isEqualTo(3);
            Checkpoint c = new Checkpoint(state, DATA, Map.of("--hidden", "6", "--seed", "3"));
            Path dir = tmp.resolve(dtype.id());
            write(dir, model, c);

            CheckpointFiles.Run run = CheckpointFiles.readRun(dir);
            assertThat(run.dtype()).isEqualTo(dtype);
            assertThat(run.data()).isEqualTo(DATA);
            assertThat(run.flags()).isEqualTo(c.flags());
            Checkpoint back = CheckpointFiles.read(dir, network(dtype, 6));
            TrainingState s = back.state();
            assertThat(s.position()).isEqualTo(state.position());
            assertThat(s.stopReason()).isEqualTo(state.stopReason());
            assertThat(s.schedulerSteps()).isEqualTo(state.schedulerSteps()).isEqualTo(2 * 4 + 3); // 30 rows in batches of 8
            assertThat(s.earlyStopping()).isEqualTo(state.earlyStopping());
            assertThat(s.history()).isEqualTo(state.history());
            assertSameValues(s.weights(), state.weights());
            assertSameValues(s.bestWeights(), state.bestWeights());
            assertThat(s.optimizer().type()).isEqualTo("adamw");
            assertThat(s.optimizer().steps()).isEqualTo(state.optimizer().steps());
            assertThat(s.optimizer().learningRate()).isEqualTo(state.optimizer().learningRate()).isEqualTo(0.0025); // halved after steps 4 and 8
            assertThat(s.optimizer().buffers().keySet()).containsExactly("exp_avg", "exp_avg_sq");
            for (String b : state.optimizer().buffers().keySet()) {
                assertSameValues(s.optimizer().buffers().get(b), state.optimizer().buffers().get(b));
            }
        }
    }

    @Test
    void aCheckpointThatDoesNotFitOrIsNotOneIsRefused() throws Exception {
        Sequential model = network(DType.FLOAT32, 6);
        Path dir = tmp.resolve("m");
        write(dir, model, new Checkpoint(midRun(model), DATA, Map.of()));
        String weights = dir.resolve(CheckpointFiles.WEIGHTS).toString();
        assertThatThrownBy(() -> CheckpointFiles.read(dir, network(DType.FLOAT32, 5)))
                .isInstanceOf(ModelFormatException.class).hasMessage(weights + ": tensor 'weights.0.weight' has shape "
                        + "[6, 2]; the network's 0.weight is [5, 2]");
        assertThatThrownBy(() -> CheckpointFiles.read(dir, network(DType.FLOAT64, 6)))
                .hasMessage(dir.resolve(CheckpointFiles.JSON) + ": dtype is float32; the network is float64");

        Path json = dir.resolve(CheckpointFiles.JSON);
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"position\"", "\"positon\""));
        assertThatThrownBy(() -> CheckpointFiles.read(dir, model)).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(json + " has unknown field 'positon'; allowed: data, dtype, early_stopping");
        Files.writeString(json, text.replace("\"epoch\" : 2,", "\"epoch\" : -2,"));
        assertThatThrownBy(() -> CheckpointFiles.read(dir, model))
                .hasMessage(json + ": position: epoch is -2; expected a whole number >= 0");
        Files.writeString(json, text.replace("backprop4j.checkpoint/1", "backprop4j.model/1"));
        assertThatThrownBy(() -> CheckpointFiles.readRun(dir))
                .hasMessage(json + ": format is \"backprop4j.model/1\"; expected \"backprop4j.checkpoint/1\"");
        Files.writeString(json, text.replaceFirst("\"epoch\" : 1,", "\"epoch\" : 1, \"extra\" : 1,"));
        assertThatThrownBy(() -> CheckpointFiles.read(dir, model)).hasMessageStartingWith(json
                + ": history[0] has unknown field 'extra'");
        Files.writeString(json, text);

        Path narrow = tmp.resolve("narrow");
        Sequential small = network(DType.FLOAT32, 5);
        TrainingState other = midRun(small);
        write(narrow, small, new Checkpoint(other, DATA, Map.of()));
        Files.copy(narrow.resolve(CheckpointFiles.WEIGHTS), dir.resolve(CheckpointFiles.WEIGHTS),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> CheckpointFiles.read(dir, model)).hasMessageContaining("has shape [5, 2]");
        assertThatThrownBy(() -> CheckpointFiles.read(tmp.resolve("none"), model))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aStateWithoutSomethingItsRunNeedsIsRefusedWhenRestored() {
        Sequential model = network(DType.FLOAT64, 6);
        TrainingState state = midRun(model);
        Sequential other = network(DType.FLOAT64, 6);
        Trainer plain = new Trainer(other, new Adam(NAIVE, other.parameters(), Adam.Config.of(0.01)),
                new TrainingConfig(10, 8, 3L, 5));
        assertThatThrownBy(() -> plain.restore(state))
                .hasMessage("the saved run had a learning-rate schedule; this trainer has none");
    }
}
