package org.backprop4j.nn.io;

import static org.backprop4j.nn.io.JsonFiles.onlyKeys;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.SpecFormatException;

/**
 * {@code model.json}: the description of a model directory's network, as documented on
 * {@link ModelDirectory}. Reading is strict (unknown fields are errors, so a misspelt
 * {@code "normalise"} cannot be silently ignored); writing puts one layer and one vector per line.
 */
final class ModelJson {
    static final String FORMAT = "backprop4j.model/1";
    /** The largest model.json read: 64 MiB holds the statistics of millions of columns. */
    static final int MAX_BYTES = 64 << 20;

    private static final Set<String> TOP_LEVEL = Set.of("format", "dtype", "model", "normalize", "input_names",
            "output_names", "classes", "loss", "head");
    private static final Set<String> NORMALIZE = Set.of("input_mean", "input_std", "target_mean", "target_std");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter ONE_LINE = JSON.writer(oneLinePrinter());

    /** What model.json says; the weights are in model.safetensors. */
    record Document(DType dtype, List<LayerSpec> layers, Normalization normalization, List<String> inputNames,
                    List<String> outputNames, SavedModel.Classes classes, LossSpec loss, ClassifierHead head) {
    }

    private ModelJson() {
    }

    static Document read(Path file) throws IOException {
        String source = file.toString();
        JsonNode root = JsonFiles.readDocument(JSON, file, MAX_BYTES, FORMAT, TOP_LEVEL);
        JsonNode dtypeNode = root.get("dtype");
        DType dtype;
        try {
            dtype = DType.parse(dtypeNode == null || !dtypeNode.isTextual() ? null : dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": dtype is " + dtypeNode + "; expected \"float32\" or \"float64\"", e);
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isArray() || model.isEmpty()) {
            throw new ModelFormatException(source + ": model is " + model + "; expected a non-empty array of layers");
        }
        JsonValues values = new JsonValues(dtype);
        List<LayerSpec> layers = new ArrayList<>();
        LossSpec loss = null;
        ClassifierHead head = null;
        try {
            for (int i = 0; i < model.size(); i++) {
                layers.add(SpecJson.readLayer(model.get(i), "model[" + i + "]", values));
            }
            if (root.has("loss")) {
                loss = SpecJson.readLoss(root.get("loss"), "loss", values, outputWidth(layers));
            }
            if (root.has("head")) {
                head = head(values.string(root.get("head"), "head"));
            }
        } catch (SpecFormatException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
        return new Document(dtype, layers, normalization(root.get("normalize"), source),
                strings(root.get("input_names"), source + ": input_names"),
                strings(root.get("output_names"), source + ": output_names"), classes(root.get("classes"), source),
                loss, head);
    }

    /** The out of the last linear layer, or -1 without one. */
    private static int outputWidth(List<LayerSpec> layers) {
        int out = -1;
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Linear lin) {
                out = lin.out();
            }
        }
        return out;
    }

    private static ClassifierHead head(String id) throws SpecFormatException {
        try {
            return ClassifierHead.parse(id);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException("head", "is \"" + id + "\"; expected one of " + String.join(", ",
                    java.util.Arrays.stream(ClassifierHead.values()).map(ClassifierHead::id).toList()));
        }
    }

    private static Normalization normalization(JsonNode n, String source) throws ModelFormatException {
        if (n == null) {
            return Normalization.NONE;
        }
        if (!n.isObject()) {
            throw new ModelFormatException(source + ": normalize is " + n
                    + "; expected an object with input_mean, input_std, target_mean, target_std");
        }
        onlyKeys(n, source + ": normalize", NORMALIZE);
        try {
            return new Normalization(numbers(n.get("input_mean"), source, "input_mean"),
                    numbers(n.get("input_std"), source, "input_std"),
                    numbers(n.get("target_mean"), source, "target_mean"),
                    numbers(n.get("target_std"), source, "target_std"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": normalize." + e.getMessage(), e);
        }
    }

    private static double[] numbers(JsonNode n, String source, String name) throws ModelFormatException {
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw new ModelFormatException(source + ": normalize." + name + " is " + n + "; expected an array of numbers");
        }
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new ModelFormatException(source + ": normalize." + name + "[" + i + "] is " + n.get(i)
                        + "; expected a number");
            }
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static List<String> strings(JsonNode n, String where) throws ModelFormatException {
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new ModelFormatException(where + " is " + n + "; expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new ModelFormatException(where + "[" + i + "] is " + n.get(i) + "; expected a string");
            }
            out.add(n.get(i).asText());
        }
        return out;
    }

    private static SavedModel.Classes classes(JsonNode n, String source) throws ModelFormatException {
        if (n == null) {
            return null;
        }
        String where = source + ": classes";
        if (!n.isObject()) {
            throw new ModelFormatException(where + " is " + n + "; expected {\"column\": NAME, \"labels\": [...]}");
        }
        onlyKeys(n, where, Set.of("column", "labels"));
        JsonNode column = n.get("column");
        if (column == null || !column.isTextual()) {
            throw new ModelFormatException(where + ".column is " + column + "; expected a string");
        }
        JsonNode labels = n.get("labels");
        if (labels == null || !labels.isArray() || labels.isEmpty()) {
            throw new ModelFormatException(where + ".labels is " + labels + "; expected a non-empty array of integers");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode l = labels.get(i);
            if (!l.isIntegralNumber() || !l.canConvertToInt()) {
                throw new ModelFormatException(where + ".labels[" + i + "] is " + l + "; expected an integer");
            }
            out.add(l.asInt());
        }
        try {
            return new SavedModel.Classes(column.asText(), out);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** The text of model.json for {@code d}: fields in the documented order, one layer or vector per line. */
    static String write(Document d) {
        List<String> fields = new ArrayList<>();
        fields.add(field("format", text(FORMAT)));
        fields.add(field("dtype", text(d.dtype().id())));
        List<String> layers = new ArrayList<>();
        for (LayerSpec spec : d.layers()) {
            layers.add("    " + line(SpecJson.writeLayer(spec)));
        }
        fields.add("  \"model\": [\n" + String.join(",\n", layers) + "\n  ]");
        Normalization n = d.normalization();
        if (!n.isNone()) {
            List<String> vectors = new ArrayList<>();
            addVector(vectors, "input_mean", n.inputMean());
            addVector(vectors, "input_std", n.inputStd());
            addVector(vectors, "target_mean", n.targetMean());
            addVector(vectors, "target_std", n.targetStd());
            fields.add("  \"normalize\": {\n" + String.join(",\n", vectors) + "\n  }");
        }
        if (!d.inputNames().isEmpty()) {
            fields.add(field("input_names", stringArray(d.inputNames())));
        }
        if (!d.outputNames().isEmpty()) {
            fields.add(field("output_names", stringArray(d.outputNames())));
        }
        if (d.classes() != null) {
            ObjectNode classes = JsonNodeFactory.instance.objectNode();
            classes.put("column", d.classes().column());
            ArrayNode labels = classes.putArray("labels");
            d.classes().labels().forEach(labels::add);
            fields.add(field("classes", line(classes)));
        }
        if (d.loss() != null) {
            fields.add(field("loss", line(SpecJson.writeLoss(d.loss()))));
        }
        if (d.head() != null) {
            fields.add(field("head", text(d.head().id())));
        }
        return "{\n" + String.join(",\n", fields) + "\n}\n";
    }

    private static void addVector(List<String> out, String name, double[] v) {
        if (v != null) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (double x : v) {
                a.add(x);
            }
            out.add("    " + line(JsonNodeFactory.instance.textNode(name)) + ": " + line(a));
        }
    }

    private static String stringArray(List<String> names) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        names.forEach(a::add);
        return line(a);
    }

    private static String field(String name, String valueJson) {
        return "  " + line(JsonNodeFactory.instance.textNode(name)) + ": " + valueJson;
    }

    private static String text(String s) {
        return line(JsonNodeFactory.instance.textNode(s));
    }

    private static String line(JsonNode node) {
        try {
            return ONE_LINE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + node.getNodeType(), e);
        }
    }

    /** {@code {"a": 1, "b": [1, 2]}}: JSON on one line with a space after each colon and comma. */
    private static DefaultPrettyPrinter oneLinePrinter() {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER));
        p.indentObjectsWith(DefaultPrettyPrinter.NopIndenter.instance);
        p.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return p;
    }
}
