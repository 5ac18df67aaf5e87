package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.JsonArrays;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model directories: PyTorch-made ones (tools/pytorch/make_model_fixture.py) predict here what
 * they predicted in PyTorch, on every backend; Java-written ones read back bit for bit; and
 * malformed ones are rejected with the file and the problem named.
 */
class ModelDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Backend NAIVE = Backends.discover().get("naive");

    @TempDir
    Path tmp;

    static Path models() throws URISyntaxException {
        return Path.of(ModelDirectoryTest.class.getResource("/models").toURI());
    }

    static Path fixture(String name) throws URISyntaxException {
        return models().resolve(name);
    }

    @TestFactory
    Stream<DynamicTest> pytorchModelsPredictAsInPyTorch() throws IOException, URISyntaxException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(models())) {
            dirs = s.filter(d -> d.getFileName().toString().startsWith("pytorch_")).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(4);
        return Backends.discover().all().stream().flatMap(backend -> dirs.stream().map(dir ->
                DynamicTest.dynamicTest(dir.getFileName() + " on " + backend.name(), () -> predictsAsPyTorch(dir, backend))));
    }

    static void predictsAsPyTorch(Path dir, Backend backend) throws IOException {
        SavedModel model = ModelDirectory.read(dir, backend);
        JsonNode expected = JSON.readTree(dir.resolve("predictions.json").toFile());
        double[] input = JsonArrays.doubles(expected.get("input").get("data"));
        double[] want = JsonArrays.doubles(expected.get("output").get("data"));
        double[] got = model.predict(input);
        DType dtype = model.network().dtype();
        double[] std = model.normalization().targetStd();
        int width = model.network().outputWidth();
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < got.length; i++) {
            // torch.testing.assert_close's default tolerance, in the network's output units
            double scale = std == null ? 1 : std[i % width];
            double bound = (dtype == DType.FLOAT32 ? 1e-5 : 1e-7) * scale
                    + (dtype == DType.FLOAT32 ? 1.3e-6 : 1e-7) * Math.abs(want[i]);
            if (!(Math.abs(got[i] - want[i]) <= bound)) {
                fail("%s output[%d] = %s; PyTorch predicted %s (bound %s)", dir.getFileName(), i, got[i], want[i], bound);
            }
        }
        if (expected.has("classes")) {
            int[] classes = new int[expected.get("classes").size()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = expected.get("classes").get(i).asInt();
            }
            assertThat(model.predictClasses(got)).containsExactly(classes);
        }
    }


    @Test
    void pytorchFixtureDescribesWhatItHolds() throws Exception {
        SavedModel m = ModelDirectory.read(fixture("pytorch_regression_float32"), NAIVE);
        assertThat(m.network().specs()).containsExactly(new LayerSpec.Linear(5, 8, true),
                LayerSpec.ActivationLayer.of(Activation.leakyRelu(0.2)), new LayerSpec.Linear(8, 6, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(6, 4, false),
                LayerSpec.ActivationLayer.of(Activation.SIGMOID), new LayerSpec.Linear(4, 2, true),
                LayerSpec.ActivationLayer.of(Activation.IDENTITY));
        assertThat(m.network().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(m.inputNames()).containsExactly("x0", "x1", "x2", "x3", "x4");
        assertThat(m.outputNames()).containsExactly("y0", "y1");
        assertThat(m.normalization().targetStd()).containsExactly(3.0, 0.5);
        assertThat(m.isClassifier()).isFalse();
        SavedModel c = ModelDirectory.read(fixture("pytorch_classifier_float64"), NAIVE);
        assertThat(c.classes()).isEqualTo(new SavedModel.Classes("label", List.of(2, 5, 9)));
        assertThat(c.inputNames()).isEmpty();
        assertThat(c.normalization().targetMean()).isNull();
    }

    /**
     * The Java-written fixtures (java_*: made by `backprop4j train` and `predict` on the naive backend,
     * and read back by tools/pytorch/check_model.py) still predict exactly what they predicted, and
     * writing one again gives the committed bytes: the file format has not drifted.
     */
    @Test
    void javaWrittenFixturesAreStable() throws Exception {
        for (String name : new String[] {"java_diabetes_float32", "java_digits_float64"}) {
            Path dir = fixture(name);
            SavedModel model = ModelDirectory.read(dir, NAIVE);
            List<String> input = Files.readAllLines(dir.resolve("input.csv"));
            List<String> columns = List.of(input.get(0).split(","));
            int width = model.network().inputWidth();
            double[] x = new double[(input.size() - 1) * width];
            for (int i = 1; i < input.size(); i++) {
                String[] fields = input.get(i).split(",");
                for (int j = 0; j < width; j++) {
                    x[(i - 1) * width + j] = Double.parseDouble(fields[columns.indexOf(model.inputNames().get(j))]);
                }
            }
            double[] y = model.predict(x);
            int[] classes = model.isClassifier() ? model.predictClasses(y) : null;
            List<String> predictions = Files.readAllLines(dir.resolve("predictions.csv"));
            assertThat(predictions).hasSize(input.size());
            int outputs = model.network().outputWidth();
            for (int i = 1; i < predictions.size(); i++) {
                String[] fields = predictions.get(i).split(",");
                for (int j = 0; j < outputs; j++) {
                    assertThat(Double.parseDouble(fields[j])).as(name + " row " + i + " output " + j)
                            .isEqualTo(y[(i - 1) * outputs + j]);
                }
                if (classes != null) {
                    assertThat(Integer.parseInt(fields[outputs])).isEqualTo(classes[i - 1]);
                }
            }
            Path again = tmp.resolve(name);
            ModelDirectory.write(again, model);
            for (String f : new String[] {ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS}) {
                assertThat(Files.readAllBytes(again.resolve(f))).as(name + "/" + f)
                        .isEqualTo(Files.readAllBytes(dir.resolve(f)));
            }
        }
    }

    /** A classifier: input normalization, names, classes. */
    static SavedModel sample(DType dtype) {
        Sequential net = Sequential.build(NAIVE, dtype, List.of(new LayerSpec.Linear(3, 4, true),
                LayerSpec.ActivationLayer.of(Activation.leakyRelu(0.1)), new LayerSpec.Linear(4, 2, false)), 17L);
        Normalization n = new Normalization(new double[] {1, 2, 3}, new double[] {0.5, 1.5, 1e-3}, null, null);
        return new SavedModel(net, n, List.of("a", "b \"quoted\"", "ü"), List.of("p", "q"),
                new SavedModel.Classes("kind", List.of(-1, 4)));
    }

    /** A regression model: input and target normalization, no classes. */
    static SavedModel regressionSample(DType dtype) {
        SavedModel c = sample(dtype);
        Normalization n = new Normalization(c.normalization().inputMean(), c.normalization().inputStd(), null,
                new double[] {4, 0.1});
        return new SavedModel(c.network(), n, c.inputNames(), c.outputNames(), null);
    }

    @Test
    void javaWrittenModelsReadBackBitForBit() throws Exception {
        for (DType dtype : DType.values()) {
            for (SavedModel written : List.of(sample(dtype), regressionSample(dtype))) {
                readsBackBitForBit(written, tmp.resolve(dtype.id() + (written.isClassifier() ? "-classifier" : "")));
            }
        }
    }

    private static void readsBackBitForBit(SavedModel written, Path dir) throws Exception {
        DType dtype = written.network().dtype();
        ModelDirectory.write(dir, written);
        SavedModel read = ModelDirectory.read(dir, NAIVE);
        assertThat(read.network().specs()).isEqualTo(written.network().specs());
        assertThat(read.network().dtype()).isEqualTo(dtype);
        assertThat(read.inputNames()).isEqualTo(written.inputNames());
        assertThat(read.outputNames()).isEqualTo(written.outputNames());
        assertThat(read.classes()).isEqualTo(written.classes());
        assertThat(read.normalization().inputStd()).containsExactly(written.normalization().inputStd());
        assertThat(read.normalization().inputMean()).containsExactly(written.normalization().inputMean());
        assertThat(read.normalization().targetMean()).isNull();
        assertThat(read.normalization().targetStd()).isEqualTo(written.normalization().targetStd());
        Map<String, double[]> a = written.network().stateDict();
        Map<String, double[]> b = read.network().stateDict();
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        for (String key : a.keySet()) {
            assertThat(b.get(key)).as(key).containsExactly(a.get(key));
        }
        double[] x = new SplittableRandom(3).doubles(30, -5, 5).toArray();
        assertThat(read.predict(x)).containsExactly(written.predict(x));
        assertThat(SafeTensors.read(dir.resolve(ModelDirectory.WEIGHTS)).get("0.weight").dtype()).isEqualTo(dtype);
        // writing what was read gives the same bytes
        Path again = dir.resolveSibling(dir.getFileName() + "-again");
        ModelDirectory.write(again, read);
        for (String f : new String[] {ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS}) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve(f)));
        }
    }

    @Test
    void modelJsonIsReadableText() throws Exception {
        ModelDirectory.write(tmp, sample(DType.FLOAT32));
        String json = Files.readString(tmp.resolve(ModelDirectory.MODEL_JSON));
        assertThat(json).startsWith("{\n  \"format\": \"backprop4j.model/1\",\n  \"dtype\": \"float32\",\n  \"model\": [\n"
                + "    {\"type\": \"linear\", \"in\": 3, \"out\": 4, \"bias\": true},\n"
                + "    {\"type\": \"leaky_relu\", \"negative_slope\": 0.1},\n");
        assertThat(json).contains("    \"input_std\": [0.5, 1.5, 0.001]\n  },\n")
                .contains("  \"input_names\": [\"a\", \"b \\\"quoted\\\"\", \"ü\"],\n")
                .contains("  \"classes\": {\"column\": \"kind\", \"labels\": [-1, 4]}\n}\n")
                .doesNotContain("target_mean");
    }

    @Test
    void float64WeightsLoadIntoAFloat32ModelRounded() throws Exception {
        SavedModel wide = sample(DType.FLOAT64);
        ModelDirectory.write(tmp, wide);
        Path json = tmp.resolve(ModelDirectory.MODEL_JSON);
        Files.writeString(json, Files.readString(json).replace("\"float64\"", "\"float32\""));
        SavedModel narrow = ModelDirectory.read(tmp, NAIVE);
        assertThat(narrow.network().dtype()).isEqualTo(DType.FLOAT32);
        double[] w = wide.network().stateDict().get("0.weight");
        double[] rounded = Arrays.stream(w).map(v -> (float) v).toArray();
        assertThat(narrow.network().stateDict().get("0.weight")).containsExactly(rounded);
    }

    @Test
    void rejectsMalformedModelJson() throws Exception {
        assertJsonRejected(s -> s.replace("backprop4j.model/1", "backprop4j.model/2"),
                "format is \"backprop4j.model/2\"; expected \"backprop4j.model/1\"");
        assertJsonRejected(s -> s.replace("\"float32\"", "\"float16\""),
                "dtype is \"float16\"; expected \"float32\" or \"float64\"");
        assertJsonRejected(s -> s.replace("\"normalize\"", "\"normalise\""),
                "has unknown field 'normalise'; allowed: classes, dtype, format, head, input_names, loss, model, normalize, output_names");
        assertJsonRejected(s -> s.replace("\"leaky_relu\"", "\"swish\""),
                "model[1].type: is \"swish\"; expected one of " + String.join(", ", LayerSpec.typeNames()));
        assertJsonRejected(s -> s.replace("\"negative_slope\"", "\"slope\""),
                "model[1].slope: unknown field \"slope\"; allowed here: negative_slope, type");
        assertJsonRejected(s -> s.replace("\"in\": 4", "\"in\": 5"), "layer 2 (linear) has in = 5; expected 4");
        assertJsonRejected(s -> s.replace("\"in\": 3", "\"in\": 0"), "model[0].in: is 0; expected an integer >= 1");
        assertJsonRejected(s -> s.replace("[0.5, 1.5, 0.001]", "[0.5, 1.5]"),
                "normalize.input_mean has 3 values and input_std 2; expected one of each per column");
        assertJsonRejected(s -> s.replace("[0.5, 1.5, 0.001]", "[0.5, 1.5, 0]"),
                "normalize.input_std[2] is 0.0; expected a finite number > 0");
        assertJsonRejected(s -> s.replace("[\"p\", \"q\"]", "[\"p\"]"),
                "output_names has 1 names; expected 2, one per network output (or none)");
        assertJsonRejected(s -> s.replace("[-1, 4]", "[4, 4]"), "class labels [4, 4] repeat");
        assertJsonRejected(s -> s.substring(0, 40), "not valid JSON");
    }

    private void assertJsonRejected(java.util.function.UnaryOperator<String> edit, String message) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "bad");
        ModelDirectory.write(dir, sample(DType.FLOAT32));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        String edited = edit.apply(Files.readString(json));
        assertThat(edited).as("the edit for: " + message).isNotEqualTo(Files.readString(json));
        Files.writeString(json, edited);
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(json.toString())
                .hasMessageContaining(message);
    }

    @Test
    void rejectsWeightsThatDoNotFitTheLayers() throws Exception {
        SavedModel m = sample(DType.FLOAT32);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", new StoredTensor(DType.FLOAT32, new int[] {4, 3}, new double[12]));
        tensors.put("0.bias", new StoredTensor(DType.FLOAT32, new int[] {4}, new double[4]));
        assertWeightsRejected(m, tensors, "no tensor '2.weight' [2, 4]");
        tensors.put("2.weight", new StoredTensor(DType.FLOAT32, new int[] {4, 2}, new double[8]));
        assertWeightsRejected(m, tensors, "tensor '2.weight' has shape [4, 2]; the model in model.json needs [2, 4]");
        tensors.put("2.weight", new StoredTensor(DType.FLOAT32, new int[] {2, 4}, new double[8]));
        tensors.put("2.bias", new StoredTensor(DType.FLOAT32, new int[] {2}, new double[2]));
        assertWeightsRejected(m, tensors, "tensor '2.bias' is not a parameter of the model in model.json; "
                + "its parameters are [0.bias, 0.weight, 2.weight]");
    }

    private void assertWeightsRejected(SavedModel m, Map<String, StoredTensor> tensors, String message) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "weights");
        ModelDirectory.write(dir, m);
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        SafeTensors.write(weights, tensors);
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(weights.toString())
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        ModelDirectory.write(tmp, sample(DType.FLOAT64));
        Files.delete(tmp.resolve(ModelDirectory.WEIGHTS));
        assertThatThrownBy(() -> ModelDirectory.read(tmp, NAIVE))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(tmp.resolve(ModelDirectory.WEIGHTS).toString())
                .hasMessageContaining("a model directory holds model.json and model.safetensors");
    }

    @Test
    void savedModelChecksItsParts() {
        Sequential net = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 3, true)), 1L);
        assertThatThrownBy(() -> new SavedModel(net, Normalization.NONE, List.of("a"), List.of(), null))
                .hasMessage("input_names has 1 names; expected 2, one per network input (or none)");
        assertThatThrownBy(() -> new SavedModel(net, Normalization.NONE, List.of("a", "a"), List.of(), null))
                .hasMessageContaining("has a name twice");
        assertThatThrownBy(() -> new SavedModel(net, Normalization.NONE, List.of(), List.of(),
                new SavedModel.Classes("c", List.of(1, 2)))).hasMessage("classes has 2 labels; expected 3, one per network output");
        SavedModel regression = new SavedModel(net, Normalization.NONE, List.of(), List.of(), null);
        assertThatThrownBy(() -> regression.predictClasses(new double[3])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyLayerTheKitAcceptsIsSavedAndReadBack() throws Exception {
        List<LayerSpec> layers = new java.util.ArrayList<>(List.of(LayerSpec.ActivationLayer.of(Activation.TANH),
                new LayerSpec.Linear(3, 4, true)));
        for (LayerSpec l : SpecJsonTest.everyLayer()) {
            if (!(l instanceof LayerSpec.Linear)) {
                layers.add(l);
            }
        }
        layers.add(new LayerSpec.Linear(4, 2, false));
        for (List<LayerSpec> specs : List.of(layers, List.<LayerSpec>of(LayerSpec.ActivationLayer.of(Activation.SILU),
                new LayerSpec.Dropout(0.5)))) {
            Sequential net = Sequential.build(NAIVE, DType.FLOAT64, specs, 5L);
            Path dir = Files.createTempDirectory(tmp, "layers");
            ModelDirectory.write(dir, new SavedModel(net, Normalization.NONE, List.of(), List.of(), null));
            SavedModel read = ModelDirectory.read(dir, NAIVE);
            assertThat(read.network().specs()).isEqualTo(specs);
            assertThat(read.network().isTraining()).as("read in evaluation mode").isFalse();
        }
    }

    static SavedModel classifier(ClassifierHead head, LossSpec loss) {
        boolean logProbabilities = loss instanceof LossSpec.Nll;
        int outputs = head == ClassifierHead.SIGMOID ? 1 : 3;
        List<Integer> labels = head == ClassifierHead.SIGMOID ? List.of(4, 7) : List.of(4, 7, 9);
        List<LayerSpec> layers = new java.util.ArrayList<>(List.of(new LayerSpec.Linear(2, 5, true),
                LayerSpec.ActivationLayer.of(Activation.GELU), new LayerSpec.Dropout(0.2), new LayerSpec.Linear(5, outputs, true)));
        if (logProbabilities) {
            layers.add(new LayerSpec.LogSoftmax());
        }
        Sequential net = Sequential.build(NAIVE, DType.FLOAT32, layers, 3L);
        return new SavedModel(net, new Normalization(new double[] {1, -1}, new double[] {2, 0.5}, null, null),
                List.of("x", "y"), labels.stream().map(l -> "c_" + l).toList(), new SavedModel.Classes("c", labels),
                loss, head);
    }

    @Test
    void aClassifierRecordsItsLossAndHeadAndPredictsProbabilities() throws Exception {
        LossSpec ce = new LossSpec.CrossEntropy(org.backprop4j.nn.loss.Reduction.MEAN, 0.1, new double[] {1, 2, 0.5});
        Map<LossSpec, ClassifierHead> losses = Map.of(ce, ClassifierHead.SOFTMAX,
                new LossSpec.Nll(org.backprop4j.nn.loss.Reduction.MEAN, null), ClassifierHead.SOFTMAX,
                new LossSpec.BceWithLogits(org.backprop4j.nn.loss.Reduction.MEAN, new double[] {3}), ClassifierHead.SIGMOID);
        double[] x = new SplittableRandom(4).doubles(40, -3, 3).toArray();
        for (Map.Entry<LossSpec, ClassifierHead> entry : losses.entrySet()) {
            Map.Entry<ClassifierHead, LossSpec> e = Map.entry(entry.getValue(), entry.getKey());
            SavedModel written = classifier(e.getKey(), e.getValue());
            Path dir = tmp.resolve(e.getValue().type().id());
            ModelDirectory.write(dir, written);
            String json = Files.readString(dir.resolve(ModelDirectory.MODEL_JSON));
            assertThat(json).contains("  \"head\": \"" + e.getKey().id() + "\"\n}\n");
            SavedModel read = ModelDirectory.read(dir, NAIVE);
            assertThat(read.loss()).isEqualTo(e.getValue());
            assertThat(read.head()).isEqualTo(e.getKey());
            double[] p = read.probabilities(x);
            int classes = read.classes().labels().size();
            assertThat(p).hasSize(20 * classes);
            int[] predicted = read.predictClasses(read.predict(x));
            for (int i = 0; i < 20; i++) {
                double sum = 0;
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    assertThat(p[i * classes + c]).isBetween(0.0, 1.0);
                    sum += p[i * classes + c];
                    best = p[i * classes + c] > p[i * classes + best] ? c : best;
                }
                assertThat(sum).as(e.getKey() + " row " + i).isCloseTo(1.0, within(1e-12));
                assertThat(predicted[i]).isEqualTo(read.classes().labels().get(best));
            }
        }
        assertThat(json(tmp.resolve("cross_entropy"))).contains("\"loss\": {\"type\": \"cross_entropy\", \"reduction\": "
                + "\"mean\", \"label_smoothing\": 0.1, \"weight\": {\"shape\": [3], \"data\": [1.0, 2.0, 0.5]}}");
    }

    private static String json(Path dir) throws IOException {
        return Files.readString(dir.resolve(ModelDirectory.MODEL_JSON));
    }

    @Test
    void rejectsALossOrHeadThatDoesNotFit() throws Exception {
        LossSpec ce = new LossSpec.CrossEntropy(org.backprop4j.nn.loss.Reduction.MEAN, 0, new double[] {1, 2, 0.5});
        Path dir = tmp.resolve("bad-head");
        ModelDirectory.write(dir, classifier(ClassifierHead.SOFTMAX, ce));
        Path file = dir.resolve(ModelDirectory.MODEL_JSON);
        String good = Files.readString(file);
        Files.writeString(file, good.replace("\"head\": \"softmax\"", "\"head\": \"argmax\""));
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("head: is \"argmax\"; expected one of softmax, sigmoid");
        Files.writeString(file, good.replace("[1.0, 2.0, 0.5]", "[1.0, 2.0]"));
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("loss.weight.data: has 2 elements; expected 3, the product of shape [3]");
        Files.writeString(file, good.replace("\"label_smoothing\": 0.0", "\"smoothing\": 0.0"));
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("loss.smoothing: unknown field \"smoothing\"");
        Files.writeString(file, good.replace("\"head\": \"softmax\"", "\"head\": \"sigmoid\""));
        assertThatThrownBy(() -> ModelDirectory.read(dir, NAIVE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("the sigmoid head takes 1 network output(s) for 2 classes; the network has 3");
        SavedModel regression = sample(DType.FLOAT32);
        assertThatThrownBy(() -> regression.probabilities(new double[3])).isInstanceOf(IllegalStateException.class)
                .hasMessage("this model has no head, so its outputs are not probabilities; it scores classes (trained "
                        + "with null)");
    }
}
