package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.backprop4j.cli.plot.LossCurvePlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j train} end to end on small synthetic CSV files, a few epochs each. */
class TrainCommandTest {
    /** {@code train --patience}'s default, as the option declares it. */
    static final String DEFAULT_PATIENCE = new picocli.CommandLine(new TrainCommand()).getCommandSpec()
            .findOption("--patience").defaultValue();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The exit code and both streams of one run of the CLI. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** y = 3 a - 2 b + 1 + noise(sd 0.1), a ~ N(5, 2), b ~ N(-1, 0.5), plus an ignored-by-nobody column c. */
    static Path regressionCsv(Path dir, int rows) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < rows; i++) {
            double a = 5 + 2 * gaussian(rng);
            double b = -1 + 0.5 * gaussian(rng);
            double c = gaussian(rng);
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c, 3 * a - 2 * b + 1 + 0.1 * gaussian(rng)));
        }
        Path f = dir.resolve("linear.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** Three Gaussian blobs in 4-D labelled 7, 1 and 3 (not 0..2, to exercise the label mapping). */
    static Path blobsCsv(Path dir, int rows) throws IOException {
        SplittableRandom rng = new SplittableRandom(2);
        int[] labels = {7, 1, 3};
        double[][] centres = {{2, 0, 0, 1}, {0, 2, 0, -1}, {0, 0, 2, 0}};
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,kind\n");
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int j = 0; j < 4; j++) {
                sb.append(String.format(Locale.ROOT, "%.5f,", centres[k][j] + 0.6 * gaussian(rng)));
            }
            sb.append(labels[k]).append('\n');
        }
        Path f = dir.resolve("blobs.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** The number after {@code name} in the metrics table row {@code row} (training or validation). */
    static double metric(String out, String row, int column) {
        for (String line : out.split("\\R")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equals(row)) {
                return Double.parseDouble(parts[column].replace("%", ""));
            }
        }
        throw new AssertionError("no '" + row + "' row in:\n" + out);
    }

    static List<Double> epochLosses(String out) {
        List<Double> losses = new ArrayList<>();
        Matcher m = Pattern.compile("^epoch +\\d+/\\d+  loss ([0-9.]+)", Pattern.MULTILINE).matcher(out);
        while (m.find()) {
            losses.add(Double.parseDouble(m.group(1)));
        }
        return losses;
    }

    @Test
    void regressionReachesAHighR2AndWritesTheModelAndPlot() throws Exception {
        Path data = regressionCsv(tmp, 300);
        Path out = tmp.resolve("model");
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden", "16",
                "--epochs", "12", "--lr", "0.02", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training 3 -> 16 -> 1 (relu, dropout 0.2) on 240 rows, validating on 60; naive "
                + "float32, adam lr 0.02 weight decay 1.0 (AdamW), batch 64, 12 epochs (patience " + DEFAULT_PATIENCE
                + "), seed 3");
        assertThat(r.out()).doesNotContain("\r").contains("MSE  R^2").contains("trained in ");
        List<Double> losses = epochLosses(r.out());
        assertThat(losses).hasSize(12);
        assertThat(losses.get(11)).isLessThan(losses.get(0) / 10);
        assertThat(metric(r.out(), "validation", 2)).as("validation R^2").isGreaterThan(0.95);
        assertThat(metric(r.out(), "training", 2)).as("training R^2").isGreaterThan(0.95);
        // the targets have variance ~40; an MSE near that would mean nothing was learned
        assertThat(metric(r.out(), "validation", 1)).as("validation MSE in target units").isLessThan(2);

        JsonNode json = JSON.readTree(out.resolve("model.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("backprop4j.model/1");
        assertThat(json.get("dtype").asText()).isEqualTo("float32");
        assertThat(json.get("input_names").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(json.get("output_names").toString()).isEqualTo("[\"y\"]");
        assertThat(json.get("normalize").get("input_mean").get(0).asDouble()).isBetween(4.5, 5.5);
        assertThat(json.get("normalize").get("target_std").get(0).asDouble()).isBetween(4.0, 9.0);
        assertThat(json.has("classes")).isFalse();
        assertThat(out.resolve("model.safetensors")).isRegularFile();

        BufferedImage png = ImageIO.read(out.resolve(TrainCommand.PLOT_FILE).toFile());
        assertThat(png.getWidth()).isEqualTo(LossCurvePlot.WIDTH);
        assertThat(png.getHeight()).isEqualTo(LossCurvePlot.HEIGHT);
        assertThat(countPixels(png, LossCurvePlot.TRAINING)).as("training curve pixels").isGreaterThan(200);
        assertThat(countPixels(png, LossCurvePlot.VALIDATION)).as("validation curve pixels").isGreaterThan(200);
    }

    @Test
    void dropoutAndWeightDecayAreRecordedAndEarlyStoppingSaysWhatItKept() throws Exception {
        Path data = regressionCsv(tmp, 120);
        Path out = tmp.resolve("regularised");
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden", "16,8",
                "--dropout", "0.3", "--weight-decay", "0.5", "--lr", "0.05", "--epochs", "300", "--patience", "3",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training 3 -> 16 -> 8 -> 1 (relu, dropout 0.3)")
                .contains("adam lr 0.05 weight decay 0.5 (AdamW), batch 64, 300 epochs (patience 3)");
        Matcher stop = Pattern.compile("stopped after epoch (\\d+)/300: patience exhausted \\(no lower validation loss "
                + "in 3 epochs\\); kept epoch (\\d+) \\(lowest val_loss ([0-9.]+)\\)").matcher(r.out());
        assertThat(stop.find()).as(r.out()).isTrue();
        int last = Integer.parseInt(stop.group(1));
        int kept = Integer.parseInt(stop.group(2));
        assertThat(last).isEqualTo(kept + 3).isLessThan(300);
        assertThat(epochLosses(r.out())).hasSize(last);
        JsonNode layers = JSON.readTree(out.resolve("model.json").toFile()).get("model");
        assertThat(layers.toString()).isEqualTo("[{\"type\":\"linear\",\"in\":3,\"out\":16,\"bias\":true},"
                + "{\"type\":\"relu\"},{\"type\":\"dropout\",\"p\":0.3},{\"type\":\"linear\",\"in\":16,\"out\":8,"
                + "\"bias\":true},{\"type\":\"relu\"},{\"type\":\"dropout\",\"p\":0.3},{\"type\":\"linear\",\"in\":8,"
                + "\"out\":1,\"bias\":true}]");

        Run all = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden", "8",
                "--epochs", "5", "--patience", "0", "--optimizer", "sgd", "--weight-decay", "0.01", "--out",
                tmp.resolve("all").toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("sgd lr 0.01 momentum 0.9 weight decay 0.01, batch 64, 5 epochs, seed")
                .contains("stopped after epoch 5/5: the epochs were done; kept epoch 5 (the last)");
    }

    @Test
    void lossCurvesFallFromLeftToRightOnLinearAndLogAxes() {
        double[] gentle = {1.0, 0.8, 0.7, 0.65, 0.6};
        double[] steep = {1.0, 0.1, 0.01, 0.005, 0.001}; // spans 1000x: logarithmic axis
        for (double[] training : new double[][] {gentle, steep}) {
            double[] validation = training.clone();
            for (int i = 0; i < validation.length; i++) {
                validation[i] *= 1.3;
            }
            BufferedImage png = LossCurvePlot.render("t", "MSE loss", training, validation);
            for (java.awt.Color c : new java.awt.Color[] {LossCurvePlot.TRAINING, LossCurvePlot.VALIDATION}) {
                int[] first = extremePixel(png, c, true);
                int[] last = extremePixel(png, c, false);
                assertThat(last[0] - first[0]).as("the curve spans the plot's width").isGreaterThan(600);
                assertThat(first[1]).as("a falling loss starts high (small y)").isLessThan(last[1] - 100);
            }
        }
        double[] noValidation = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        BufferedImage one = LossCurvePlot.render("t", "MSE loss", gentle, noValidation);
        assertThat(countPixels(one, LossCurvePlot.TRAINING)).isGreaterThan(200);
        assertThat(countPixels(one, LossCurvePlot.VALIDATION)).isZero();
    }

    /** The leftmost (or rightmost) pixel of {@code color} below the legend, as {x, y}. */
    static int[] extremePixel(BufferedImage image, java.awt.Color color, boolean leftmost) {
        int[] found = null;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 140; y < image.getHeight(); y++) { // below the legend's colour samples
                if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    if (found == null || !leftmost) {
                        found = new int[] {x, y};
                    }
                    break;
                }
            }
            if (found != null && leftmost) {
                return found;
            }
        }
        if (found == null) {
            throw new AssertionError("no pixel of " + color);
        }
        return found;
    }

    static int countPixels(BufferedImage image, java.awt.Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void classificationReportsAccuracyWellAboveChance() throws Exception {
        Path data = blobsCsv(tmp, 240);
        Path out = tmp.resolve("classifier");
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "kind", "--classify",
                "--hidden", "16", "--epochs", "8", "--lr", "0.02", "--dtype", "float64", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training 4 -> 16 -> 3 (relu, dropout 0.2)").contains("loss cross_entropy")
                .contains("cross_entropy  accuracy");
        assertThat(metric(r.out(), "validation", 2)).as("validation accuracy, chance is 33%").isGreaterThan(90);
        assertThat(metric(r.out(), "validation", 1)).as("validation cross-entropy; ln 3 = 1.10 at chance").isLessThan(0.5);
        List<Double> losses = epochLosses(r.out());
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
        JsonNode json = JSON.readTree(out.resolve("model.json").toFile());
        assertThat(json.get("classes").toString()).isEqualTo("{\"column\":\"kind\",\"labels\":[1,3,7]}");
        assertThat(json.get("output_names").toString()).isEqualTo("[\"kind_1\",\"kind_3\",\"kind_7\"]");
        assertThat(json.get("normalize").has("target_mean")).as("class indices stay as they are").isFalse();
        assertThat(json.get("dtype").asText()).isEqualTo("float64");
        assertThat(json.get("loss").toString())
                .isEqualTo("{\"type\":\"cross_entropy\",\"reduction\":\"mean\",\"label_smoothing\":0.0}");
        assertThat(json.get("head").asText()).isEqualTo("softmax");
        assertThat(json.get("model").get(json.get("model").size() - 1).get("out").asInt()).as("one logit per class")
                .isEqualTo(3);
    }

    @Test
    void everyLossThatFitsClassificationTrainsAndIsRecorded() throws Exception {
        Path data = blobsCsv(tmp, 150);
        for (String loss : new String[] {"nll", "mse"}) {
            Path out = tmp.resolve(loss);
            Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "kind", "--classify",
                    "--loss", loss, "--hidden", "12", "--activation", "gelu", "--epochs", "8", "--lr", "0.02",
                    "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("(gelu, dropout 0.2)").contains(loss + "  accuracy");
            assertThat(metric(r.out(), "validation", 2)).as(loss + " validation accuracy").isGreaterThan(85);
            JsonNode json = JSON.readTree(out.resolve("model.json").toFile());
            assertThat(json.get("loss").get("type").asText()).isEqualTo(loss);
            JsonNode layers = json.get("model");
            if (loss.equals("nll")) {
                assertThat(layers.get(layers.size() - 1).get("type").asText()).isEqualTo("log_softmax");
                assertThat(json.get("head").asText()).isEqualTo("softmax");
            } else {
                assertThat(json.has("head")).as("mse on one-hot targets scores, it has no head").isFalse();
            }
        }
    }

    @Test
    void twoClassesTrainWithBinaryCrossEntropyOnOneLogit() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,sick\n");
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            int k = i % 2;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", 1.5 * k + gaussian(rng), -k + gaussian(rng) * 0.5,
                    k == 0 ? 5 : 9));
        }
        Path data = tmp.resolve("two.csv");
        Files.writeString(data, sb.toString());
        Path out = tmp.resolve("binary");
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "sick", "--classify", "--loss",
                "bce_with_logits", "--hidden", "8", "--epochs", "10", "--lr", "0.02", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training 2 -> 8 -> 1 (relu, dropout 0.2)").contains("bce_with_logits  accuracy");
        assertThat(metric(r.out(), "validation", 2)).as("validation accuracy; chance is 50%").isGreaterThan(70);
        JsonNode json = JSON.readTree(out.resolve("model.json").toFile());
        assertThat(json.get("head").asText()).isEqualTo("sigmoid");
        assertThat(json.get("output_names").toString()).isEqualTo("[\"sick_5\",\"sick_9\"]");
        Path blobs = blobsCsv(tmp, 30);
        assertUsage(run("train", "--data", blobs.toString(), "--target", "kind", "--classify", "--loss",
                "bce_with_logits", "--out", tmp.resolve("x").toString()),
                "--loss bce_with_logits takes two classes; column 'kind' has 3");
    }

    @Test
    void regressionTakesL1AndHuberAndRecordsTheLoss() throws Exception {
        Path data = regressionCsv(tmp, 200);
        for (String loss : new String[] {"l1", "huber"}) {
            Path out = tmp.resolve(loss);
            Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--loss", loss,
                    "--hidden", "16", "--epochs", "12", "--lr", "0.02", "--activation", "silu", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("loss " + loss).contains("MSE  R^2");
            assertThat(metric(r.out(), "validation", 2)).as(loss + " validation R^2").isGreaterThan(0.9);
            assertThat(JSON.readTree(out.resolve("model.json").toFile()).get("loss").get("type").asText()).isEqualTo(loss);
        }
    }

    @Test
    void sameSeedGivesTheSameModelAnotherSeedAnother() throws Exception {
        Path data = regressionCsv(tmp, 100);
        byte[][] weights = new byte[3][];
        String[] seeds = {"5", "5", "6"};
        for (int i = 0; i < 3; i++) {
            Path out = tmp.resolve("run" + i);
            Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden", "4",
                    "--epochs", "2", "--seed", seeds[i], "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            weights[i] = Files.readAllBytes(out.resolve("model.safetensors"));
        }
        assertThat(weights[1]).isEqualTo(weights[0]);
        assertThat(weights[2]).isNotEqualTo(weights[0]);
    }

    @Test
    void noValidationSplitStillTrainsAndPlotsOneCurve() throws Exception {
        Path data = regressionCsv(tmp, 50);
        Path out = tmp.resolve("noval");
        Run r = run("--backend", "naive", "train", "--data", data.toString(), "--target", "y", "--hidden", "4",
                "--epochs", "2", "--validation", "0", "--optimizer", "sgd", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("validating on 0").contains("sgd lr 0.01 momentum 0.9").doesNotContain("val_loss");
        assertThat(r.out().lines().filter(l -> l.startsWith("validation"))).isEmpty();
        BufferedImage png = ImageIO.read(out.resolve(TrainCommand.PLOT_FILE).toFile());
        assertThat(countPixels(png, LossCurvePlot.VALIDATION)).isZero();
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() throws Exception {
        Path data = regressionCsv(tmp, 20);
        String out = tmp.resolve("m").toString();
        String d = data.toString();
        assertUsage(run("train", "--data", d, "--target", "zz", "--out", out),
                data + " line 1: no column 'zz'; the columns are a, b, c, y");
        assertUsage(run("train", "--data", d, "--target", "y", "--activation", "swish", "--out", out),
                "--activation 'swish' is not supported; allowed: " + String.join(", ",
                        java.util.Arrays.stream(org.backprop4j.api.Activation.Kind.values()).map(Object::toString).toList()));
        assertUsage(run("train", "--data", d, "--target", "y", "--loss", "cross_entropy", "--out", out),
                "--loss cross_entropy does not fit regression (it needs --classify); allowed: mse, l1, huber");
        assertUsage(run("train", "--data", d, "--target", "a", "--classify", "--loss", "huber", "--out", out),
                "--loss huber does not fit classification (--classify); allowed with --classify: cross_entropy, nll, mse, "
                        + "bce_with_logits");
        assertUsage(run("train", "--data", d, "--target", "y", "--loss", "hinge", "--out", out),
                "--loss 'hinge' is not supported; allowed: mse, l1, huber; with --classify: cross_entropy, nll, mse, "
                        + "bce_with_logits");
        assertUsage(run("train", "--data", d, "--target", "y", "--optimizer", "rmsprop", "--out", out),
                "--optimizer 'rmsprop' is not supported; allowed: adam, sgd");
        assertUsage(run("train", "--data", d, "--target", "y", "--dtype", "float16", "--out", out),
                "--dtype 'float16' is not supported; allowed: float32, float64");
        assertUsage(run("train", "--data", d, "--target", "y", "--validation", "1", "--out", out),
                "--validation (1.0) must be in [0, 1)");
        assertUsage(run("train", "--data", d, "--target", "y", "--epochs", "0", "--out", out),
                "--epochs (0) must be >= 1");
        assertUsage(run("train", "--data", d, "--target", "y", "--hidden", "8,0", "--out", out),
                "--hidden (0) must be >= 1");
        assertUsage(run("train", "--data", d, "--target", "y", "--lr", "-1", "--out", out),
                "--lr (-1.0) must be a finite number > 0");
        assertUsage(run("train", "--data", d, "--target", "y", "--momentum", "0.5", "--out", out),
                "--momentum applies to --optimizer sgd only");
        assertUsage(run("train", "--data", d, "--target", "y,y", "--out", out), "--target names column 'y' twice");
        assertUsage(run("train", "--data", d, "--target", "a,y", "--classify", "--out", out),
                "--classify takes one target column of class labels; found 2: a, y");
        assertUsage(run("train", "--data", d, "--target", "y", "--classify", "--out", out),
                "is not a whole number; a class column holds integer labels");
        assertUsage(run("train", "--data", d, "--target", "a,b,c,y", "--out", out),
                "every column is a target; expected at least one input column");
        assertUsage(run("train", "--data", d, "--target", "y"),
                "missing required option --out DIR (or --resume DIR to continue a saved run)");
        assertUsage(run("train", "--data", d, "--target", "y", "--patience", "-1", "--out", out),
                "--patience (-1) must be >= 0; 0 turns early stopping off");
        assertUsage(run("train", "--data", d, "--target", "y", "--dropout", "1", "--out", out),
                "--dropout (1.0) must be in [0, 1)");
        assertUsage(run("train", "--data", d, "--target", "y", "--weight-decay", "-0.1", "--out", out),
                "--weight-decay (-0.1) must be a finite number >= 0");
        assertUsage(run("train", "--data", d, "--target", "y", "--checkpoint-every", "-1", "--out", out),
                "--checkpoint-every (-1) must be >= 0; 0 saves no checkpoint");
        assertThat(Path.of(out)).doesNotExist();
    }

    static void assertUsage(Run r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.err().lines().count()).as("one line: " + r.err()).isEqualTo(1);
    }
}
