package org.backprop4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.backprop4j.cli.output.OutputDirectoryCheck;
import org.backprop4j.cli.plot.LossCurvePlot;
import org.backprop4j.nn.io.Checkpoint;
import org.backprop4j.nn.io.CheckpointFiles;
import org.backprop4j.nn.io.FileWriteException;
import org.backprop4j.nn.io.ModelDirectoryWriter;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.EpochResult;

/**
 * What {@code train} writes into {@code --out}, each time as a whole ({@link ModelDirectoryWriter}):
 * {@code model.json} and {@code model.safetensors} of the model to keep, {@code loss_curve.png} of
 * the epochs so far and, for a run that saves checkpoints or was interrupted, {@code checkpoint.json}
 * and {@code checkpoint.safetensors} ({@link CheckpointFiles}). The first write goes through the
 * writer prepared, and so checked, before training; every later one (a checkpoint, then the end of
 * the run) replaces the run's own previous write, so the directory always holds one consistent state
 * and a run never leaves an older model beside a newer checkpoint.
 */
final class TrainOutput implements AutoCloseable {
    /** The files {@code train} may write beside the model. */
    static final String[] EXTRA_FILES = {TrainCommand.PLOT_FILE, CheckpointFiles.JSON, CheckpointFiles.WEIGHTS};

    private final Path out;
    private final Function<List<EpochResult>, PlotText> plotText;
    private ModelDirectoryWriter prepared;

    /** The loss curve's title and axis label. */
    record PlotText(String title, String yLabel) {
    }

    /**
     * @param out      the model directory
     * @param prepared the writer {@link OutputDirectoryCheck#prepare} made (with {@link #EXTRA_FILES}); this
     *                 object closes it
     * @param plotText the loss curve's title and label
     */
    TrainOutput(Path out, ModelDirectoryWriter prepared, Function<List<EpochResult>, PlotText> plotText) {
        this.out = out;
        this.prepared = Objects.requireNonNull(prepared, "prepared");
        this.plotText = plotText;
    }

    /**
     * Writes {@code model}, the loss curve of {@code epochs} (none when empty) with {@code keptEpoch}
     * marked (0: none) and {@code checkpoint} (none when null) as the directory's whole content.
     *
     * @throws FileWriteException naming the file that could not be written; the directory keeps what it held
     */
    void write(SavedModel model, List<EpochResult> epochs, int keptEpoch, Checkpoint checkpoint) throws IOException {
        try (ModelDirectoryWriter writer = next()) {
            writer.writeModel(model);
            if (!epochs.isEmpty()) {
                PlotText text = plotText.apply(epochs);
                double[] training = epochs.stream().mapToDouble(EpochResult::trainingLoss).toArray();
                double[] validation = epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
                writer.writeFile(TrainCommand.PLOT_FILE, stream -> LossCurvePlot.write(stream, text.title(),
                        text.yLabel(), training, validation, keptEpoch));
            }
            if (checkpoint != null) {
                CheckpointFiles.write(writer, checkpoint, model.network());
            }
            writer.commit();
        }
    }

    /** The prepared writer the first time; then a new one that replaces what this run wrote. */
    private ModelDirectoryWriter next() throws IOException {
        if (prepared != null) {
            ModelDirectoryWriter w = prepared;
            prepared = null;
            return w;
        }
        return ModelDirectoryWriter.prepare(out, ModelDirectoryWriter.Existing.REPLACE,
                java.util.Set.of(EXTRA_FILES));
    }

    /** The files a write puts into {@code --out}, for the summary. */
    static List<Path> files(Path out, boolean plot, boolean checkpoint) {
        List<Path> files = new ArrayList<>(List.of(out.resolve("model.json"), out.resolve("model.safetensors")));
        if (plot) {
            files.add(out.resolve(TrainCommand.PLOT_FILE));
        }
        if (checkpoint) {
            files.add(out.resolve(CheckpointFiles.JSON));
            files.add(out.resolve(CheckpointFiles.WEIGHTS));
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        if (prepared != null) {
            prepared.close();
        }
    }
}
