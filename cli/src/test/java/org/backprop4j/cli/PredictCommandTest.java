package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j predict} on models written by {@code train}, by the API, and by PyTorch. */
class PredictCommandTest {
    /** A PyTorch-made model and its predictions (tools/pytorch/make_model_fixture.py), from nn-core's tests. */
    private static final Path PYTORCH_MODELS = Path.of("..", "nn-core", "src", "test", "resources", "models");
    private static final Backend NAIVE = Backends.discover().get("naive");

    @TempDir
    Path tmp;

    private Path data;
    private Path model;

    @BeforeEach
    void train() throws Exception {
        TrainedRegression trained = TrainedRegression.in(tmp, 60);
        data = trained.data();
        model = trained.model();
    }

    @Test
    void writesOneRowPerInputRowEqualToTheModelsPredictions() throws Exception {
        Run r = run("--backend", "naive", "predict", "--model", model.toString(), "--input", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(61);
        assertThat(lines.get(0)).isEqualTo("y");
        SavedModel saved = ModelDirectory.read(model, NAIVE);
        double[] expected = saved.predict(CsvTable.read(data).numbers(List.of("a", "b", "c")));
        for (int i = 0; i < 60; i++) {
            assertThat(Double.parseDouble(lines.get(i + 1))).as("row " + i).isEqualTo(expected[i]);
        }
    }

    @Test
    void readsColumnsByNameInAnyOrderAndWritesAFile() throws Exception {
        Path reordered = tmp.resolve("reordered.csv");
        Files.writeString(reordered, "extra,c,b,a\n9,0.5,-1,5\n9,0,0,0\n");
        Path output = tmp.resolve("predictions.csv");
        Run r = run("--backend", "naive", "predict", "--model", model.toString(), "--input", reordered.toString(),
                "--output", output.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote 2 predictions to " + output + System.lineSeparator());
        SavedModel saved = ModelDirectory.read(model, NAIVE);
        double[] expected = saved.predict(new double[] {5, -1, 0.5, 0, 0, 0});
        assertThat(Files.readAllLines(output)).containsExactly("y", Double.toString(expected[0]),
                Double.toString(expected[1]));
    }

    @Test
    void aClassifierAlsoWritesTheClass() throws Exception {
        Path blobs = TrainCommandTest.blobsCsv(tmp, 90);
        Path classifier = tmp.resolve("classifier");
        assertThat(run("--backend", "naive", "train", "--data", blobs.toString(), "--target", "kind", "--classify",
                "--hidden", "8", "--epochs", "10", "--lr", "0.02", "--out", classifier.toString()).code()).isZero();
        Run r = run("--backend", "naive", "predict", "--model", classifier.toString(), "--input", blobs.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("kind_1,kind_3,kind_7,kind");
        int[] truth = CsvTable.read(blobs).integers("kind");
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            String[] f = lines.get(i + 1).split(",");
            int predicted = Integer.parseInt(f[3]);
            assertThat(predicted).isIn(1, 3, 7);
            double[] scores = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            int best = scores[0] >= scores[1] && scores[0] >= scores[2] ? 1 : scores[1] >= scores[2] ? 3 : 7;
            assertThat(predicted).as("the class of the highest score").isEqualTo(best);
            for (double p : scores) {
                assertThat(p).as("each class's probability").isBetween(0.0, 1.0);
            }
            assertThat(scores[0] + scores[1] + scores[2]).as("probabilities sum to 1").isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-12));
            right += predicted == truth[i] ? 1 : 0;
        }
        assertThat(right).as("correct of 90, chance is 30").isGreaterThan(75);
    }

    @Test
    void aModelWithoutNamesReadsEveryColumnInOrder() throws Exception {
        Sequential net = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 1, true)), 1L);
        net.loadStateDict(java.util.Map.of("0.weight", new double[] {2, 10}, "0.bias", new double[] {1}));
        Path unnamed = tmp.resolve("unnamed");
        ModelDirectory.write(unnamed, new SavedModel(net, Normalization.NONE, List.of(), List.of(), null));
        Path input = tmp.resolve("two.csv");
        Files.writeString(input, "p,q\n1,2\n-1,0.5\n");
        Run r = run("--backend", "naive", "predict", "--model", unnamed.toString(), "--input", input.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("output_0", "23.0", "4.0");
        assertUsage(run("--backend", "naive", "predict", "--model", unnamed.toString(), "--input", data.toString()),
                data + " line 1: 4 columns; the model in " + unnamed + " takes 2 inputs and names none, so it reads every column in order");
    }

    @Test
    void reproducesPyTorchOnItsOwnModels() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String name : new String[] {"pytorch_regression_float32", "pytorch_classifier_float64"}) {
            Path dir = PYTORCH_MODELS.resolve(name);
            assertThat(dir).as("PyTorch-made model directory").isDirectory();
            JsonNode expected = json.readTree(dir.resolve("predictions.json").toFile());
            JsonNode doc = json.readTree(dir.resolve("model.json").toFile());
            int in = expected.get("input").get("shape").get(1).asInt();
            int out = expected.get("output").get("shape").get(1).asInt();
            StringBuilder csv = new StringBuilder();
            for (int j = 0; j < in; j++) {
                csv.append(j > 0 ? "," : "").append(doc.has("input_names") ? doc.get("input_names").get(j).asText() : "x" + j);
            }
            csv.append('\n');
            JsonNode x = expected.get("input").get("data");
            for (int i = 0; i < x.size() / in; i++) {
                for (int j = 0; j < in; j++) {
                    csv.append(j > 0 ? "," : "").append(x.get(i * in + j).asText());
                }
                csv.append('\n');
            }
            Path input = tmp.resolve(name + ".csv");
            Files.writeString(input, csv.toString());
            Run r = run("--backend", "naive", "predict", "--model", dir.toString(), "--input", input.toString());
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            JsonNode y = expected.get("output").get("data");
            boolean float32 = doc.get("dtype").asText().equals("float32");
            for (int i = 0; i < y.size() / out; i++) {
                String[] fields = lines.get(i + 1).split(",");
                for (int j = 0; j < out; j++) {
                    double want = y.get(i * out + j).asDouble();
                    double std = doc.get("normalize").has("target_std")
                            ? doc.get("normalize").get("target_std").get(j).asDouble() : 1;
                    double bound = (float32 ? 1e-5 : 1e-7) * std + (float32 ? 1.3e-6 : 1e-7) * Math.abs(want);
                    assertThat(Double.parseDouble(fields[j])).as(name + " row " + i + " output " + j)
                            .isCloseTo(want, org.assertj.core.api.Assertions.within(bound));
                }
                if (expected.has("classes")) {
                    assertThat(fields[out]).isEqualTo(expected.get("classes").get(i).asText());
                }
            }
        }
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        Path missing = tmp.resolve("missing.csv");
        Files.writeString(missing, "a,b\n1,2\n");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", missing.toString()),
                missing + " line 1: no column 'c', which the model in " + model + " reads; the columns are a, b");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b,c\n1,2,3\n4,x,6\n");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", bad.toString()),
                bad + " line 3, column 2 (b): 'x' is not a number");
        assertUsage(run("--backend", "naive", "predict", "--model", tmp.resolve("nowhere").toString(), "--input", data.toString()),
                tmp.resolve("nowhere").resolve("model.json") + ": no such file; a model directory holds model.json and model.safetensors");
        Files.writeString(model.resolve("model.json"), "{\"format\": \"other\"}");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", data.toString()),
                model.resolve("model.json") + ": format is \"other\"; expected \"backprop4j.model/1\"");
    }
}
