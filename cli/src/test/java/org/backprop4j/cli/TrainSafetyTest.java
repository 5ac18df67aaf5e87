package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.cli.data.TrainingData;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, findings 2, 5 and 7 for {@code train}: an existing model is never replaced unless
 * asked, a bad {@code --out} fails before training, and the metrics never print nonsense.
 */
class TrainSafetyTest {
    @TempDir
    Path tmp;

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((f, bytes) -> assertThat(after.get(f)).as(f).isEqualTo(bytes));
    }

    private Run train(Path data, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--backend", "naive", "train", "--data", data.toString(),
                "--target", "y", "--hidden", "4", "--epochs", "2", "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void anExistingModelIsReplacedOnlyWithOverwriteAndAsAWhole() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 40);
        Path out = tmp.resolve("model");
        assertThat(train(data, out).code()).isZero();
        Map<String, byte[]> first = snapshot(out);
        Run refused = train(data, out, "--seed", "7");
        assertUsage(refused, "--out " + out + " already holds a model (loss_curve.png, model.json, model.safetensors); "
                + "pass --overwrite to replace it, or choose another --out");
        assertThat(refused.out()).as("refused before training").isEmpty();
        assertSame(first, snapshot(out));
        Run replaced = train(data, out, "--seed", "7", "--overwrite");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(snapshot(out).get("model.safetensors")).isNotEqualTo(first.get("model.safetensors"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("nothing left beside it").containsExactlyInAnyOrder(
                    "linear.csv", "model");
        }
    }

    @Test
    void aBadOutIsRefusedBeforeTraining() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 40);
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Run r = train(data, file);
        assertUsage(r, "--out " + file + " is a file; a model is written into a directory");
        assertThat(r.out()).isEmpty();
        assertThat(file).hasContent("mine");
        assertUsage(train(data, file.resolve("model")), "--out cannot create " + file.resolve("model") + ": " + file
                + " is not a directory");
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.writeString(shared.resolve("predictions.csv"), "mine");
        assertUsage(train(data, shared, "--overwrite"), "--out " + shared + " holds predictions.csv, which is not one of"
                + " a model's files");
        assertThat(shared.resolve("predictions.csv")).hasContent("mine");
    }

    @Test
    void aNetworkTooLargeForTheJvmIsRefusedBeforeItIsBuilt() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 40);
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden",
                "46000,46000", "--out", tmp.resolve("huge").toString());
        assertUsage(r, "training 3 -> 46000 -> 46000 -> 1 on " + data + " needs ");
        assertThat(r.err()).contains(", the JVM may use ").contains("; raise it with BACKPROP4J_JAVA_OPTS=-Xmx");
        assertThat(tmp.resolve("huge")).doesNotExist();
    }

    @Test
    void r2OfConstantTargetsIsUndefinedAndAHugeOneIsInExponentForm() throws Exception {
        Path data = tmp.resolve("constant.csv");
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(",5\n");
        }
        Files.writeString(data, csv.toString());
        Run r = train(data, tmp.resolve("m"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("validation +[0-9.e+-]+ +undefined \\(constant targets\\)");
        assertThat(TrainingMetrics.r2(-1.2345678e42)).isEqualTo("-1.235e+42");
        assertThat(TrainingMetrics.r2(0.46431)).isEqualTo("0.4643");
        assertThat(TrainingMetrics.r2(-9999.5)).isEqualTo("-9999.5000");
    }

    @Test
    void divergenceIsOneLineAndExitOne() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 40);
        Run r = train(data, tmp.resolve("m"), "--lr", "1e30", "--optimizer", "sgd");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).startsWith("backprop4j: error: training diverged: ");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("m")).doesNotExist();
        Sequential net = Sequential.build(Backends.discover().get("naive"), DType.FLOAT32,
                List.of(new LayerSpec.Linear(1, 1, true)), 1L);
        net.loadStateDict(Map.of("0.weight", new double[] {3e38}, "0.bias", new double[] {0}));
        SavedModel overflowing = new SavedModel(net, Normalization.NONE, List.of(), List.of(), null);
        assertThatThrownBy(() -> TrainingMetrics.row("training", overflowing,
                new Dataset(new double[] {1, 10}, 1, new double[] {1, 2}, 1)))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("training diverged: the model predicts Infinity for training row 2; try a smaller --lr");
    }

    @Test
    void classifyingAQuantityIsRefusedWithAHint() throws Exception {
        Path data = tmp.resolve("quantity.csv");
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(',').append(i % 20).append('\n');
        }
        Files.writeString(data, csv.toString());
        assertUsage(train(data, tmp.resolve("m"), "--classify"), data + ": column 'y' holds 20 distinct labels in 60 rows,"
                + " fewer than 5 rows per class; it looks like a quantity: to predict it, train without --classify");
        Files.writeString(data, "a,y\n1,0.5\n2,1\n");
        assertUsage(train(data, tmp.resolve("m"), "--classify"), "(to predict a quantity, train without --classify)");
    }

    /** Issue 9, streaming: train holds its rows once, standardised, in the model's dtype. */
    @Test
    void theDataIsHeldOnceInTheModelsDtype() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 50);
        for (DType dtype : DType.values()) {
            TrainingData d = TrainingData.prepare(data, List.of("y"), false, false, 0.2, 1L, dtype);
            assertThat(d.training().dtype()).isEqualTo(dtype);
            assertThat(d.validation().dtype()).isEqualTo(dtype);
            assertThat(d.bytes()).as(dtype.id()).isEqualTo(50L * 4 * dtype.bytes()); // 3 inputs and 1 target a row
        }
        TrainingData wide = TrainingData.prepare(data, List.of("y"), false, false, 0.2, 1L, DType.FLOAT64);
        TrainingData narrow = TrainingData.prepare(data, List.of("y"), false, false, 0.2, 1L, DType.FLOAT32);
        double[] rounded = java.util.Arrays.stream(wide.training().inputs()).map(v -> (float) v).toArray();
        assertThat(narrow.training().inputs()).as("what a float32 network computes on").containsExactly(rounded);
    }
}
