package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.Backends;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.cli.predict.ChunkedPredictor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, finding 8: a row gets the same prediction, to the last bit, whatever file it is in.
 * The 442 diabetes rows alone and 20 times over (8,840 rows, so each row sits at 20 different
 * positions of its chunk and the last chunk has another size): on nd4j with two threads, batches
 * of other row counts made OpenBLAS split and order the work differently, and 40 rows differed by
 * up to 4.6e-6 before every forward pass had {@value ChunkedPredictor#CHUNK_ROWS} rows.
 */
class PredictChunksTest {
    private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");

    @TempDir
    static Path tmp;

    private static Path model;
    private static Path twenty;

    @BeforeAll
    static void trainAndRepeat() throws Exception {
        model = tmp.resolve("model");
        Run r = run("--backend", "naive", "train", "--data", DIABETES.toString(), "--target", "progression",
                "--epochs", "3", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(DIABETES);
        List<String> repeated = new ArrayList<>(List.of(lines.get(0)));
        for (int k = 0; k < 20; k++) {
            repeated.addAll(lines.subList(1, lines.size()));
        }
        twenty = Files.write(tmp.resolve("twenty.csv"), repeated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "nd4j"})
    void aRowsPredictionDoesNotDependOnTheFileItIsIn(String backend) {
        assumeTrue(Backends.discover().describe().stream().anyMatch(b -> b.name().equals(backend)
                && b.probe().available()), backend + " is available");
        Run alone = run("--backend", backend, "predict", "--model", model.toString(), "--input", DIABETES.toString());
        Run repeated = run("--backend", backend, "predict", "--model", model.toString(), "--input", twenty.toString());
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(repeated.code()).as(repeated.err()).isZero();
        List<String> a = alone.out().lines().skip(1).toList();
        List<String> b = repeated.out().lines().skip(1).toList();
        assertThat(a).hasSize(442);
        assertThat(b).hasSize(20 * 442);
        int differing = 0;
        for (int k = 0; k < 20; k++) {
            for (int i = 0; i < a.size(); i++) {
                differing += a.get(i).equals(b.get(k * a.size() + i)) ? 0 : 1;
            }
        }
        assertThat(differing).as("rows whose prediction changed with the file, on " + backend).isZero();
    }
}
