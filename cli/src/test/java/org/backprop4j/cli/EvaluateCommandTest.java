package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.cli.plot.ConfusionMatrixPlot;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.SafeTensors;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.io.StoredTensor;
import org.backprop4j.nn.train.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop4j evaluate} on models written by {@code train}: the figures against the
 * model's own predictions (checked with {@link Metrics} and by counting), over more rows than one
 * chunk, and every input and output it refuses.
 */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backend NAIVE = Backends.discover().get("naive");

    @TempDir
    Path tmp;

    private Path regressionData;
    private Path regressionModel;

    @BeforeEach
    void train() throws Exception {
        Path trainDir = Files.createDirectory(tmp.resolve("train"));
        Path training = TrainCommandTest.regressionCsv(trainDir, 60);
        regressionModel = tmp.resolve("regression");
        Run r = run("--backend", "naive", "train", "--data", training.toString(), "--target", "y", "--hidden", "4",
                "--epochs", "3", "--out", regressionModel.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // more rows than one 256-row chunk, and a last chunk that is not full
        regressionData = TrainCommandTest.regressionCsv(tmp, 600);
    }

    private Run evaluate(Path model, Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("--backend", "naive", "evaluate", "--model", model.toString(),
                "--data", data.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void regressionFiguresAreThoseOfTheModelsPredictions() throws Exception {
        Path json = tmp.resolve("figures.json");
        Run r = evaluate(regressionModel, regressionData, "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        SavedModel saved = ModelDirectory.read(regressionModel, NAIVE);
        CsvTable table = CsvTable.read(regressionData);
        double[] predicted = saved.predict(table.numbers(List.of("a", "b", "c")));
        double[] truth = table.numbers(List.of("y"));
        double mae = 0;
        for (int i = 0; i < truth.length; i++) {
            mae += Math.abs(predicted[i] - truth[i]);
        }
        mae /= truth.length;
        double mse = Metrics.mse(predicted, truth);
        double r2 = Metrics.r2(predicted, truth, 1);

        assertThat(r.out()).startsWith("model " + regressionModel + " (regression of y) on " + regressionData
                + ": 600 rows; naive float32");
        List<String> row = List.of(r.out().lines().filter(l -> l.startsWith("y ")).findFirst().orElseThrow().trim()
                .split("\\s+"));
        assertThat(Double.parseDouble(row.get(1))).as("printed MSE").isCloseTo(mse, within(mse * 1e-5));
        assertThat(Double.parseDouble(row.get(2))).as("printed MAE").isCloseTo(mae, within(mae * 1e-5));
        assertThat(row.get(3)).as("printed R^2").isEqualTo(TrainingMetrics.r2(r2));
        assertThat(r.out()).doesNotContain("mean").endsWith("wrote " + json + System.lineSeparator());

        JsonNode figures = JSON.readTree(json.toFile());
        assertThat(figures.get("task").asText()).isEqualTo("regression");
        assertThat(figures.get("rows").asLong()).isEqualTo(600);
        JsonNode column = figures.get("columns").get(0);
        assertThat(column.get("column").asText()).isEqualTo("y");
        assertThat(column.get("mse").asDouble()).isCloseTo(mse, within(mse * 1e-12));
        assertThat(column.get("mae").asDouble()).isCloseTo(mae, within(mae * 1e-12));
        assertThat(column.get("r2").asDouble()).isCloseTo(r2, within(1e-12));
        assertThat(figures.get("mean").get("r2").asDouble()).isEqualTo(column.get("r2").asDouble());
    }

    @Test
    void theTargetIsTheModelsUnlessNamedAndAConstantOneHasNoR2() throws Exception {
        String renamed = Files.readString(regressionData).replaceFirst("a,b,c,y", "a,b,c,truth");
        Path data = Files.writeString(tmp.resolve("renamed.csv"), renamed);
        assertUsage(evaluate(regressionModel, data), data + " line 1: no column 'y', which holds the targets the "
                + "model in " + regressionModel + " was trained on; name the right one with --target; the columns are "
                + "a, b, c, truth");
        Run named = evaluate(regressionModel, data, "--target", "truth");
        Run byDefault = evaluate(regressionModel, regressionData);
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(tables(named.out()).replace("truth ", "y     ")).isEqualTo(tables(byDefault.out()));
        assertUsage(evaluate(regressionModel, data, "--target", "truth,a"), "--target names 2 columns (truth, a); "
                + "the model in " + regressionModel + " takes 1, one per output");
        assertUsage(evaluate(regressionModel, regressionData, "--target", "a"), "--target a is an input of the model");

        Path constant = Files.writeString(tmp.resolve("constant.csv"), "a,b,c,y\n1,2,3,7\n4,5,6,7\n");
        Path json = tmp.resolve("constant.json");
        Run r = evaluate(regressionModel, constant, "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("undefined (constant targets)");
        assertThat(JSON.readTree(json.toFile()).get("columns").get(0).get("r2").isNull()).isTrue();
    }

    @Test
    void aClassifiersReportAndConfusionMatrixCountItsPredictions() throws Exception {
        Path blobs = TrainCommandTest.blobsCsv(tmp, 300);
        Path model = tmp.resolve("classifier");
        Run trained = run("--backend", "naive", "train", "--data", blobs.toString(), "--target", "kind", "--classify",
                "--hidden", "8", "--epochs", "2", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path png = tmp.resolve("confusion.png");
        Path json = tmp.resolve("confusion.json");
        Run r = evaluate(model, blobs, "--plot", png.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();

        SavedModel saved = ModelDirectory.read(model, NAIVE);
        CsvTable table = CsvTable.read(blobs);
        int[] predicted = saved.predictClasses(saved.predict(table.numbers(List.of("f0", "f1", "f2", "f3"))));
        int[] truth = table.integers("kind");
        List<Integer> labels = List.of(1, 3, 7); // sorted, as train stores them
        assertThat(saved.classes().labels()).isEqualTo(labels);
        long[][] counts = new long[3][3];
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            counts[labels.indexOf(truth[i])][labels.indexOf(predicted[i])]++;
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        JsonNode figures = JSON.readTree(json.toFile());
        assertThat(figures.get("task").asText()).isEqualTo("classification");
        assertThat(figures.get("column").asText()).isEqualTo("kind");
        assertThat(figures.get("accuracy").asDouble()).isEqualTo((double) right / truth.length);
        assertThat(figures.get("confusion_matrix").get("labels").toString()).isEqualTo("[1,3,7]");
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertThat(figures.get("confusion_matrix").get("counts").get(t).get(p).asLong())
                        .as("true %d, predicted %d", labels.get(t), labels.get(p)).isEqualTo(counts[t][p]);
            }
        }
        for (JsonNode c : figures.get("classes")) {
            int k = labels.indexOf(c.get("label").asInt());
            long tp = counts[k][k];
            long support = counts[k][0] + counts[k][1] + counts[k][2];
            long predictedAs = counts[0][k] + counts[1][k] + counts[2][k];
            assertThat(c.get("support").asLong()).isEqualTo(support);
            assertThat(c.get("recall").asDouble()).isEqualTo((double) tp / support);
            assertThat(c.get("precision").asDouble()).isEqualTo(predictedAs == 0 ? 0 : (double) tp / predictedAs);
        }

        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%% (%d of 300 rows)",
                100.0 * right / truth.length, right));
        assertThat(r.out()).contains("kind          precision     recall   f1-score    support")
                .contains("macro avg").contains("weighted avg")
                .contains("confusion matrix: a row per true kind, a column per predicted kind");
        String header = r.out().lines().filter(l -> l.startsWith("true \\ predicted")).findFirst().orElseThrow();
        assertThat(header.trim().split("\\s+")).endsWith("1", "3", "7");
        String firstRow = r.out().lines().dropWhile(l -> !l.startsWith("true \\ predicted")).skip(1).findFirst()
                .orElseThrow();
        assertThat(firstRow.trim().split("\\s+")).containsExactly("1", Long.toString(counts[0][0]),
                Long.toString(counts[0][1]), Long.toString(counts[0][2]));
        assertThat(r.out()).endsWith("wrote " + png + System.lineSeparator() + "wrote " + json + System.lineSeparator());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(ConfusionMatrixPlot.MIN_SIZE);
        assertThat(TrainCommandTest.countPixels(image, ConfusionMatrixPlot.MOST)).as("the fullest cell")
                .isGreaterThan(10_000);
    }

    @Test
    void labelsTheModelDoesNotKnowAndNonFiniteTargetsAreErrorsNamingTheCell() throws Exception {
        Path blobs = TrainCommandTest.blobsCsv(tmp, 30);
        Path model = tmp.resolve("classifier");
        assertThat(run("--backend", "naive", "train", "--data", blobs.toString(), "--target", "kind", "--classify",
                "--hidden", "4", "--epochs", "1", "--out", model.toString()).code()).isZero();
        Path unknown = Files.writeString(tmp.resolve("unknown.csv"), "f0,f1,f2,f3,kind\n0,0,0,0,7\n0,0,0,0,2\n");
        assertUsage(evaluate(model, unknown), unknown + " line 3, column 5 (kind): '2' is not one of the model's "
                + "class labels 1, 3, 7; evaluate rows of the classes the model was trained on");
        Path fraction = Files.writeString(tmp.resolve("fraction.csv"), "f0,f1,f2,f3,kind\n0,0,0,0,7.5\n");
        assertUsage(evaluate(model, fraction), "line 2, column 5 (kind): '7.5' is not one of the model's class labels");
        Path nan = Files.writeString(tmp.resolve("nan.csv"), "a,b,c,y\n1,2,3,4\n1,2,3,nan\n");
        assertUsage(evaluate(regressionModel, nan), nan + " line 3, column 4 (y): 'nan' is not a finite number");
        Path input = Files.writeString(tmp.resolve("input.csv"), "a,b,c,y\n1,inf,3,4\n");
        assertUsage(evaluate(regressionModel, input), input + " line 2, column 2 (b): 'inf' is not a finite number");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "a,b,c,y\n");
        assertUsage(evaluate(regressionModel, empty), empty + " has a header but no rows; expected at least one row");
        assertUsage(evaluate(regressionModel, regressionData, "--plot", tmp.resolve("r.png").toString()),
                "--plot draws a classifier's confusion matrix; the model in " + regressionModel + " is a regression model");
    }

    @Test
    void outputsAreCheckedBeforeTheModelIsRead() throws Exception {
        Path missingModel = tmp.resolve("no-model");
        Path existing = Files.writeString(tmp.resolve("old.png"), "old");
        assertUsage(evaluate(missingModel, regressionData, "--plot", existing.toString()),
                "--plot " + existing + " already exists; pass --overwrite to replace it");
        assertUsage(evaluate(missingModel, regressionData, "--json", regressionData.toString()), "--json "
                + regressionData + " is the input file (--data " + regressionData + "); writing the figures there would "
                + "destroy it; choose another file");
        assertUsage(evaluate(regressionModel, regressionData, "--json", regressionModel.resolve("e.json").toString()),
                "is inside the model directory " + regressionModel);
        assertUsage(evaluate(missingModel, regressionData, "--plot", tmp.resolve("x").toString(), "--json",
                tmp.resolve("x").toString()), "are the same file; name two files");
        assertUsage(evaluate(missingModel, regressionData, "--json", tmp.resolve("nowhere/e.json").toString()),
                "does not exist; create the directory first");
        assertUsage(evaluate(missingModel, regressionData, "--plot", "/dev/stdout"),
                "a PNG image does not go to standard output");
        assertUsage(evaluate(missingModel, regressionData), missingModel.resolve("model.json") + ": no such file");
        assertThat(existing).hasContent("old");
    }

    @Test
    void aFailedWriteFailsTheRunAndJsonCanGoToStandardOutput() throws Exception {
        Run stdout = evaluate(regressionModel, regressionData, "--json", "/dev/stdout");
        assertThat(stdout.code()).as(stdout.err()).isZero();
        assertThat(JSON.readTree(stdout.out()).get("rows").asLong()).as("the JSON alone").isEqualTo(600);
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full is a Linux device");
        Run full = evaluate(regressionModel, regressionData, "--json", "/dev/full");
        assertThat(full.code()).as(full.out() + full.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(full.err()).isEqualTo("backprop4j: error: cannot write /dev/full: No space left on device"
                + System.lineSeparator());
    }

    @Test
    void aNonFinitePredictionFailsTheRunNamingItsLine() throws Exception {
        Path weights = regressionModel.resolve(ModelDirectory.WEIGHTS);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafeTensors.read(weights));
        double[] w = tensors.get("0.weight").data();
        w[0] = 3e38; // finite, but the first input times it overflows float32
        tensors.put("0.weight", new StoredTensor(DType.FLOAT32, tensors.get("0.weight").shape(), w));
        SafeTensors.write(weights, tensors);
        Path data = Files.writeString(tmp.resolve("big.csv"), "a,b,c,y\n0,0,0,1\n100,0,0,2\n");
        Run r = evaluate(regressionModel, data);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).startsWith("backprop4j: error: " + data + " line 3: the model's output 'y' is ")
                .contains("; metrics need finite predictions");
    }

    /** The printed tables, without the first line (which names the files). */
    private static String tables(String out) {
        return out.substring(out.indexOf(System.lineSeparator()) + 1);
    }
}
