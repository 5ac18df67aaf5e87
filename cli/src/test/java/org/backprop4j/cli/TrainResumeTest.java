package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.nn.io.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint-every} and {@code --resume}: a run of 6 epochs resumed to 12 writes the
 * same {@code model.safetensors}, byte for byte, as a run of 12, on naive and ejml in both dtypes
 * (with dropout and early stopping on, so their state is saved too); what a checkpoint records;
 * and the resumes that must be refused, each naming what is wrong.
 */
class TrainResumeTest {
    private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Run train(String backend, Path data, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--backend", backend, "train", "--data", data.toString(), "--target",
                "progression", "--hidden", "16", "--dropout", "0.1", "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static void ok(Run r) {
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void sixEpochsResumedToTwelveAreByteForByteTwelveEpochs() throws Exception {
        for (String backend : List.of("naive", "ejml")) {
            for (String dtype : List.of("float32", "float64")) {
                Path six = tmp.resolve(backend + "-" + dtype + "-six");
                Path twelve = tmp.resolve(backend + "-" + dtype + "-twelve");
                ok(train(backend, DIABETES, six, "--dtype", dtype, "--epochs", "6", "--checkpoint-every", "3"));
                Run resumed = run("--backend", backend, "train", "--resume", six.toString(), "--epochs", "12");
                ok(resumed);
                assertThat(resumed.out()).contains("resuming 10 -> 16 -> 1 (relu, dropout 0.1)").contains("12 epochs")
                        .contains("from the end of epoch 6 of the run saved in " + six)
                        .contains("epoch  7/12").doesNotContain("epoch  6/12");
                ok(train(backend, DIABETES, twelve, "--dtype", dtype, "--epochs", "12"));
                String what = backend + " " + dtype;
                assertThat(Files.readAllBytes(six.resolve("model.safetensors"))).as(what)
                        .isEqualTo(Files.readAllBytes(twelve.resolve("model.safetensors")));
                assertThat(Files.readString(six.resolve("model.json"))).isEqualTo(Files.readString(
                        twelve.resolve("model.json")));
            }
        }
    }

    @Test
    void aCheckpointRecordsTheRunsPositionDataAndFlags() throws Exception {
        Path out = tmp.resolve("m");
        ok(train("naive", DIABETES, out, "--epochs", "4", "--checkpoint-every", "2"));
        JsonNode c = JSON.readTree(out.resolve("checkpoint.json").toFile());
        assertThat(c.get("format").asText()).isEqualTo("backprop4j.checkpoint/1");
        assertThat(c.get("position").get("epoch").asInt()).isEqualTo(4);
        assertThat(c.get("stop_reason").asText()).isEqualTo("epochs_done");
        assertThat(c.get("optimizer").get("type").asText()).isEqualTo("adamw");
        assertThat(c.get("optimizer").get("steps").asInt()).isEqualTo(4 * 6); // 354 training rows in batches of 64
        assertThat(c.get("history")).hasSize(4);
        assertThat(c.get("early_stopping").get("best_epoch").asInt()).isBetween(1, 4);
        DataSource data = DataSource.of(DIABETES);
        assertThat(c.get("data").get("sha256").asText()).isEqualTo(data.sha256());
        assertThat(c.get("data").get("bytes").asLong()).isEqualTo(Files.size(DIABETES));
        JsonNode flags = c.get("flags");
        assertThat(flags.get("--hidden").asText()).isEqualTo("16");
        assertThat(flags.get("--dropout").asText()).isEqualTo("0.1");
        assertThat(flags.get("--lr").asText()).isEqualTo("0.001");
        assertThat(flags.get("--loss").asText()).isEqualTo("mse");
        assertThat(flags.has("--momentum")).isFalse();
        assertThat(Files.readString(out.resolve("checkpoint.json"))).doesNotContain("NaN");
    }

    @Test
    void flagsGivenAgainMustAgreeAndTheRunMustHaveEpochsLeft() throws Exception {
        Path out = tmp.resolve("m");
        ok(train("naive", DIABETES, out, "--epochs", "3", "--checkpoint-every", "3"));
        String dir = out.toString();
        assertUsage(run("train", "--resume", dir, "--epochs", "5", "--hidden", "32"), "--resume " + dir
                + ": --hidden 32 differs from the run's --hidden 16; a resumed run keeps its settings (leave --hidden "
                + "out, or give the same value)");
        assertUsage(run("train", "--resume", dir, "--epochs", "5", "--lr", "0.01"),
                "--lr 0.01 differs from the run's --lr 0.001");
        assertUsage(run("train", "--resume", dir, "--epochs", "5", "--classify"),
                "--classify true differs from the run's --classify false");
        assertUsage(run("train", "--resume", dir, "--epochs", "5", "--momentum", "0.5"),
                "--momentum does not apply to the run, which has --optimizer adam");
        assertUsage(run("train", "--resume", dir), "the run has trained 3 epochs and --epochs is 3; give --epochs M "
                + "with M > 3 to train further");
        assertUsage(run("train", "--resume", dir, "--epochs", "5", "--out", tmp.resolve("else").toString()),
                "--out " + tmp.resolve("else") + " is not --resume " + dir + "; a resumed run writes where it was saved");
        Run same = run("--backend", "naive", "train", "--resume", dir, "--epochs", "4", "--hidden", "16", "--seed", "3",
                "--data", DIABETES.toString(), "--target", "progression");
        ok(same);
        assertThat(same.out()).contains("from the end of epoch 3");
    }

    @Test
    void dataThatChangedIsRefusedAndDataThatMovedIsTaken() throws Exception {
        Path data = Files.copy(DIABETES, tmp.resolve("diabetes.csv"));
        Path out = tmp.resolve("m");
        ok(train("naive", data, out, "--epochs", "2", "--checkpoint-every", "1"));
        Path moved = Files.move(data, tmp.resolve("moved.csv"));
        assertUsage(run("train", "--resume", out.toString(), "--epochs", "3"), "the resumed run's data " + data
                + " does not exist; give its new place with --data");
        ok(run("--backend", "naive", "train", "--resume", out.toString(), "--epochs", "3", "--data", moved.toString()));
        Files.writeString(moved, "59,2,32.1,101.0,157,93.2,38.0,4.0,4.8598,87,151\n", StandardOpenOption.APPEND);
        assertUsage(run("train", "--resume", out.toString(), "--epochs", "4"), "--data " + moved
                + " changed since the run was saved: it trained on " + Files.size(DIABETES) + " bytes with SHA-256 "
                + DataSource.of(DIABETES).sha256() + ", the file now has " + Files.size(moved) + " bytes");
    }

    @Test
    void whatCannotBeResumedIsRefused() throws Exception {
        Path plain = tmp.resolve("plain");
        ok(train("naive", DIABETES, plain, "--epochs", "2"));
        assertThat(plain.resolve("checkpoint.json")).as("no checkpoint unless asked").doesNotExist();
        assertUsage(run("train", "--resume", plain.toString(), "--epochs", "3"), "--resume " + plain
                + " holds no checkpoint (" + plain.resolve("checkpoint.json") + " does not exist); a run saves one with "
                + "--checkpoint-every N, or when Ctrl-C stops it");

        Path early = tmp.resolve("early");
        Run stopped = train("naive", DIABETES, early, "--epochs", "300", "--patience", "1", "--lr", "0.05",
                "--checkpoint-every", "50");
        ok(stopped);
        assertThat(stopped.out()).contains("patience exhausted (no lower validation loss in 1 epochs)");
        assertUsage(run("train", "--resume", early.toString(), "--epochs", "400"), "the run stopped early after epoch ");

        Path narrow = tmp.resolve("narrow");
        ok(run("--backend", "naive", "train", "--data", DIABETES.toString(), "--target", "progression", "--hidden", "8",
                "--epochs", "1", "--checkpoint-every", "1", "--out", narrow.toString()));
        Path wide = tmp.resolve("wide");
        ok(train("naive", DIABETES, wide, "--epochs", "1", "--checkpoint-every", "1"));
        Files.copy(narrow.resolve("checkpoint.safetensors"), wide.resolve("checkpoint.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        assertUsage(run("--backend", "naive", "train", "--resume", wide.toString(), "--epochs", "2"), "--resume " + wide
                + ": " + wide.resolve("checkpoint.safetensors") + ": tensor 'weights.0.weight' has shape [8, 10]; the "
                + "network's 0.weight is [16, 10]");
    }
}
