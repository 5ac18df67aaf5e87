package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.nn.train.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j split}: the rows of a file, divided by the same rule as train's validation split. */
class SplitCommandTest {
    private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");

    @TempDir
    Path tmp;

    private Run split(String seed, Path train, Path test, String... extra) {
        List<String> args = new ArrayList<>(List.of("split", "--data", DIABETES.toString(), "--seed", seed,
                "--train-out", train.toString(), "--test-out", test.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void theTestRowsAreTheHeldOutRowsOfTheSeedAndTheRestIsTraining() throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        Run r = split("1", train, test);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 354 training rows to " + train + " and 88 test rows to " + test);
        List<String> lines = Files.readAllLines(DIABETES);
        List<String> rows = lines.subList(1, lines.size());
        List<String> trainLines = Files.readAllLines(train);
        List<String> testLines = Files.readAllLines(test);
        assertThat(trainLines.get(0)).isEqualTo(lines.get(0));
        assertThat(testLines.get(0)).isEqualTo(lines.get(0));
        int[] held = Dataset.heldOutRows(rows.size(), 0.2, new SplittableRandom(1));
        List<String> expectedTest = new ArrayList<>();
        List<String> expectedTrain = new ArrayList<>(rows);
        for (int i = held.length - 1; i >= 0; i--) {
            expectedTest.add(0, rows.get(held[i]));
            expectedTrain.remove(held[i]);
        }
        assertThat(testLines.subList(1, testLines.size())).as("the held-out rows, in file order, as written")
                .isEqualTo(expectedTest);
        assertThat(trainLines.subList(1, trainLines.size())).isEqualTo(expectedTrain);

        Path train2 = tmp.resolve("train2.csv");
        Path test2 = tmp.resolve("test2.csv");
        assertThat(split("2", train2, test2, "--test-fraction", "0.25").code()).isZero();
        assertThat(Files.readAllLines(test2)).hasSize(1 + 111).isNotEqualTo(testLines);
    }

    @Test
    void outputsAreCheckedBeforeAnythingIsWritten() throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        Files.writeString(train, "mine");
        assertUsage(split("1", train, test), "--train-out " + train + " already exists; pass --overwrite to replace it");
        assertThat(train).hasContent("mine");
        assertThat(test).doesNotExist();
        assertThat(split("1", train, test, "--overwrite").code()).isZero();
        assertUsage(split("1", DIABETES, test, "--overwrite"), "--train-out " + DIABETES + " is the input file (--data "
                + DIABETES + "); writing the rows there would destroy it");
        assertUsage(split("1", train, train, "--overwrite"), "--train-out and --test-out are both " + train);
        assertUsage(split("1", train, test, "--test-fraction", "1"), "--test-fraction (1.0) must be in (0, 1)");
        assertUsage(split("1", train, test, "--test-fraction", "0"), "--test-fraction (0.0) must be in (0, 1)");
        Path two = Files.writeString(tmp.resolve("two.csv"), "a,b\n1,2\n3,4\n");
        assertUsage(run("split", "--data", two.toString(), "--test-fraction", "0.9", "--train-out",
                tmp.resolve("a.csv").toString(), "--test-out", tmp.resolve("b.csv").toString()),
                "--test-fraction 0.9 of the 2 rows of " + two + " leaves no training row");
    }
}
