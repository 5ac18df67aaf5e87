package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.Backends;
import org.backprop4j.cli.Main;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop4j train --spark 'local[2]'} in-process, as the launcher runs it with the spark
 * module on the class path: on the real digits data, float64, the model it writes has the
 * one-machine run's weights within 1e-9 relative (same seed and flags), and {@code predict}
 * serves it; a master that is not one, or none outside spark-submit, is one line, exit 2.
 */
class SparkTrainCommandTest {
    private static final Path DIGITS = Path.of("..", "data", "digits.csv");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", DIGITS.toString(), "--target", "digit",
                "--classify", "--dtype", "float64", "--hidden", "32", "--epochs", "2", "--batch-size", "64",
                "--dropout", "0", "--patience", "1", "--backend", "naive", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void digitsOnSparkHaveTheOneMachineWeightsAndPredictServesThem() throws Exception {
        Run local = run(train(tmp.resolve("local")));
        assertThat(local.code()).as(local.err()).isZero();
        Run spark = run(train(tmp.resolve("spark"), "--spark", "local[2]"));
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).contains("on Spark local[2]: 2 partitions of the training rows, one job per step, "
                + "backend naive on every executor");
        assertThat(spark.out()).as("early stopping, through Trainer's loop").contains("(patience 1)")
                .containsPattern("stopped after epoch \\d/2: .*; kept epoch \\d \\(lowest val_loss");

        var naive = Backends.discover().get("naive");
        SavedModel a = ModelDirectory.read(tmp.resolve("spark"), naive);
        SavedModel b = ModelDirectory.read(tmp.resolve("local"), naive);
        assertThat(TestData.relativeDifference(a.network(), b.network())).isLessThan(1e-9);
        assertThat(TestData.bitwiseEqual(a.network(), b.network())).as("not the same run by accident").isFalse();

        Path predictions = tmp.resolve("predictions.csv");
        Run predict = run("predict", "--model", tmp.resolve("spark").toString(), "--input", DIGITS.toString(),
                "--output", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(1798); // a header and one row per image
    }

    @Test
    void dropoutCheckpointsAndResumeAreOneMachineOnly() {
        Run dropout = run("train", "--data", DIGITS.toString(), "--target", "digit", "--classify", "--dropout", "0.2",
                "--spark", "local[2]", "--out", tmp.resolve("d").toString());
        assertThat(dropout.code()).isEqualTo(2);
        assertThat(dropout.err()).startsWith("backprop4j: --dropout 0.2 with --spark: the Spark trainer trains without "
                + "dropout");
        Run checkpoints = run(train(tmp.resolve("c"), "--spark", "local[2]", "--checkpoint-every", "1"));
        assertThat(checkpoints.code()).isEqualTo(2);
        assertThat(checkpoints.err()).startsWith("backprop4j: --checkpoint-every 1 with --spark:");
        assertThat(tmp.resolve("d")).doesNotExist();
        assertThat(tmp.resolve("c")).doesNotExist();
    }

    @Test
    void aMasterThatIsNotOneIsOneLine() {
        Run r = run(train(tmp.resolve("m"), "--spark", "nowhere"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("backprop4j: --spark 'nowhere' is not a Spark master URL; expected local, "
                + "local[N], local[N,F], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT" + System.lineSeparator());
        assertThat(tmp.resolve("m")).doesNotExist();

        Run none = run("train", "--spark", "--data", DIGITS.toString(), "--target", "digit", "--out",
                tmp.resolve("m").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("backprop4j: --spark without a master needs spark-submit's --master; give "
                + "one, e.g. --spark 'local[2]'" + System.lineSeparator());
    }
}
