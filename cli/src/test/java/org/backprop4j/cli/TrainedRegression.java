package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.backprop4j.cli.TrainCommandTest.Run;

/**
 * A small regression model ({@code y} from {@code a, b, c}: linear, relu, linear with 4 hidden
 * units and no dropout layer, 2 epochs) trained by the train command on naive, for the tests of the
 * commands that read a model.
 *
 * @param data  the CSV it was trained on ({@link TrainCommandTest#regressionCsv})
 * @param model its model directory
 */
record TrainedRegression(Path data, Path model) {

    /** Writes the data ({@code rows} rows) and the model into {@code dir}. */
    static TrainedRegression in(Path dir, int rows) throws IOException {
        Path data = TrainCommandTest.regressionCsv(dir, rows);
        Path model = dir.resolve("model");
        Run r = TrainCommandTest.run("--backend", "naive", "train", "--data", data.toString(), "--target", "y",
                "--hidden", "4", "--dropout", "0", "--epochs", "2", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return new TrainedRegression(data, model);
    }
}
