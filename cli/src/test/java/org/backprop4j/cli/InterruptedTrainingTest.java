package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run in a JVM of its own, stopped by a real signal once it has printed an epoch's line
 * (so no timing is assumed): SIGINT (Ctrl-C) makes it finish its batch, save the best model so far
 * and a checkpoint, and exit 130; the model serves {@code predict}, and the run resumed from the
 * checkpoint writes the same weights, byte for byte, as a run never stopped. SIGKILL, which nothing
 * can handle, leaves the last periodic checkpoint whole, and resuming from it gives the same weights
 * too: a long run never ends with nothing on disk.
 */
class InterruptedTrainingTest {
    private static final Path DIABETES = Path.of("..", "data", "diabetes.csv").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    @BeforeAll
    static void linux() {
        assumeThat(System.getProperty("os.name")).as("signals are sent with kill").isEqualTo("Linux");
    }

    /** The training flags of the runs of a test, up to --epochs and --out. */
    private static List<String> flags(String hidden, Path out, int epochs) {
        return List.of("--backend", "naive", "train", "--data", DIABETES.toString(), "--target", "progression",
                "--hidden", hidden, "--dropout", "0.1", "--batch-size", "8", "--seed", "5", "--patience", "100000",
                "--epochs", Integer.toString(epochs), "--out", out.toString());
    }

    /** The start of epoch {@code epoch}'s progress line in a run of 100,000 epochs. */
    private static String epochLine(int epoch) {
        return String.format(java.util.Locale.ROOT, "epoch %6d/100000", epoch);
    }

    /**
     * Starts the CLI with {@code args} in a new JVM with SIGINT's default action (a shell script's
     * background jobs start with it ignored), waits until standard output has a line starting with
     * {@code line}, sends {@code signal} and returns the exit code and what it printed.
     */
    private Run signalled(String signal, String line, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            boolean sent = false;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                out.append(l).append('\n');
                if (!sent && l.startsWith(line)) {
                    int kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
                    assertThat(kill).as("kill -" + signal).isZero();
                    sent = true;
                }
            }
            assertThat(sent).as("the run printed '" + line + "' before it ended:\n" + out).isTrue();
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the forked run did not end in " + TIMEOUT_SECONDS + " s after " + signal);
        }
        return new Run(p.exitValue(), out.toString(), Files.readString(err));
    }

    @Test
    void ctrlCSavesTheBestModelAndACheckpointThatResumesExactly() throws Exception {
        Path out = tmp.resolve("interrupted");
        // neither the epochs nor the patience end it: only the signal
        Run r = signalled("INT", epochLine(2), flags("32", out, 100_000));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(r.err()).contains("backprop4j: interrupted: stopping after this batch to save the model");
        assertThat(r.out()).containsPattern("stopped (in|after) epoch .*: interrupted; kept epoch [0-9]+ \\(lowest "
                + "val_loss").contains("continue the run with: backprop4j train --resume " + out);
        for (String f : List.of("model.json", "model.safetensors", "loss_curve.png", "checkpoint.json",
                "checkpoint.safetensors")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        Path predictions = tmp.resolve("predictions.csv");
        Run predict = TrainCommandTest.run("--backend", "naive", "predict", "--model", out.toString(), "--input",
                DIABETES.toString(), "--output", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(443);

        JsonNode checkpoint = JSON.readTree(out.resolve("checkpoint.json").toFile());
        assertThat(checkpoint.get("stop_reason").asText()).isEqualTo("interrupted");
        int epoch = checkpoint.get("position").get("epoch").asInt();
        assertThat(epoch).as("at least the two epochs printed").isGreaterThanOrEqualTo(2);
        int total = epoch + 2;
        Run resumed = TrainCommandTest.run("--backend", "naive", "train", "--resume", out.toString(), "--epochs",
                Integer.toString(total));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Path straight = tmp.resolve("straight");
        Run s = TrainCommandTest.run(flags("32", straight, total).toArray(String[]::new));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("model.safetensors"))).as("interrupted at epoch " + epoch
                + ", resumed to " + total).isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
    }

    @Test
    void aKilledRunLeavesItsLastCheckpointWholeAndItResumesExactly() throws Exception {
        Path out = tmp.resolve("killed");
        List<String> args = new ArrayList<>(flags("32", out, 100_000));
        args.addAll(List.of("--checkpoint-every", "2"));
        Run r = signalled("KILL", epochLine(3), args); // epoch 2's checkpoint was written before epoch 3 began
        assertThat(r.code()).as("killed: 128 + 9").isEqualTo(137);

        Path saved = out;
        if (!Files.exists(out)) { // killed between the two renames that replace a model: the old one is whole aside
            try (var aside = Files.list(tmp)) {
                saved = aside.filter(p -> p.getFileName().toString().startsWith(".killed.old-")).findFirst()
                        .orElseThrow(() -> new AssertionError("neither " + out + " nor a whole model aside"));
            }
        }
        JsonNode checkpoint = JSON.readTree(saved.resolve("checkpoint.json").toFile());
        int epoch = checkpoint.get("position").get("epoch").asInt();
        assertThat(epoch % 2).as("a checkpoint every 2 epochs; this one at epoch " + epoch).isZero();
        assertThat(epoch).isGreaterThanOrEqualTo(2);
        assertThat(checkpoint.has("stop_reason")).as("a periodic checkpoint of a run still going").isFalse();
        assertThat(saved.resolve("model.safetensors")).isRegularFile();
        int total = epoch + 2;
        Run resumed = TrainCommandTest.run("--backend", "naive", "train", "--resume", saved.toString(), "--epochs",
                Integer.toString(total));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Path straight = tmp.resolve("straight");
        Run s = TrainCommandTest.run(flags("32", straight, total).toArray(String[]::new));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllBytes(saved.resolve("model.safetensors"))).as("killed after epoch " + epoch
                + "'s checkpoint, resumed to " + total).isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
    }
}
