package org.backprop4j.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Sgd;

/**
 * Reads case files, strictly, as {@code shared/specs/case-format.md} (format
 * {@value #FORMAT}) defines them. Anything the format does not allow is rejected with a
 * {@link CaseFormatException} naming the file, the JSON location and what is wrong: another
 * {@code format}, a missing or unknown field, a key given twice, a wrong JSON type, an unknown
 * layer type or dtype, linear widths that do not chain, parameters missing or extra, a tensor
 * whose shape is not the one its role requires or whose data length is not the product of its
 * shape, a tolerance with only one of {@code rtol} and {@code atol}, optimizer hyperparameters
 * {@code torch.optim} would refuse.
 *
 * <p>Numbers are converted from their decimal text straight to the case's dtype, so a float32
 * case holds the float nearest to each number as written (not a double rounded again to float),
 * and {@code -0.0} keeps its sign. Tensor elements, {@code expected.loss} and
 * {@code train.losses} may also be the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; hyperparameters and tolerances must be finite numbers.
 *
 * <p>Defaults, exactly those the format states: a linear layer's {@code bias} is true and a
 * leaky_relu's {@code negative_slope} is 0.01. Every other field the format lists without
 * "no"/"defaults" is required. Stateless and thread-safe.
 */
public final class CaseReader {
    /** The value of the {@code format} field this reader understands. */
    public static final String FORMAT = "backprop4j.case/1";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String LAYER_TYPES = "linear, relu, leaky_relu, sigmoid, tanh, identity";

    /** A JSON number as written, so that it can be rounded once, to the right type. */
    private record NumberText(String text) {
    }

    /** Reads one case file; the path as given is its origin in messages. */
    public ConformanceCase read(Path file) throws CaseFormatException {
        String origin = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(origin, in);
        } catch (IOException e) {
            throw new CaseFormatException(origin, "file", "cannot be read: " + e);
        }
    }

    /** Reads one case from {@code in}; {@code origin} names it in messages. Does not close {@code in}. */
    public ConformanceCase read(String origin, InputStream in) throws CaseFormatException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() == null) {
                throw new CaseFormatException(origin, "$", "the file is empty; expected a JSON object");
            }
            root = tree(origin, parser, "$");
            if (parser.nextToken() != null) {
                throw new CaseFormatException(origin, at(parser.currentTokenLocation()),
                        "content after the end of the JSON object; expected one object per file");
            }
        } catch (JsonProcessingException e) {
            throw new CaseFormatException(origin, at(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CaseFormatException(origin, "file", "cannot be read: " + e);
        }
        return new Reading(origin).read(root);
    }

    private static String at(JsonLocation location) {
        return location == null ? "JSON" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A tree of the JSON value at the parser's current token; numbers kept as text, duplicate keys rejected. */
    private static JsonNode tree(String origin, JsonParser p, String path) throws IOException, CaseFormatException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    String child = child(path, key);
                    p.nextToken();
                    if (object.has(key)) {
                        throw new CaseFormatException(origin, child, "the key \"" + key
                                + "\" appears twice in one object; expected each key once");
                    }
                    object.set(key, tree(origin, p, child));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(origin, p, path + "[" + array.size() + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return NODES.pojoNode(new NumberText(p.getText()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new CaseFormatException(origin, path, "unexpected JSON token " + token);
        }
    }

    /** {@code $.a.b} for identifier keys, {@code $.a["0.weight"]} for the others. */
    private static String child(String path, String key) {
        return IDENTIFIER.matcher(key).matches() ? path + "." + key
                : path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** The reading of one file: its origin and, once known, its dtype. */
    private static final class Reading {
        private final String origin;
        private DType dtype;

        Reading(String origin) {
            this.origin = origin;
        }

        private CaseFormatException fail(String path, String problem) {
            return new CaseFormatException(origin, path, problem);
        }

        ConformanceCase read(JsonNode root) throws CaseFormatException {
            ObjectNode top = object(root, "$");
            JsonNode format = top.get("format");
            if (format == null) {
                throw fail("$.format", "missing; expected the string \"" + FORMAT + "\"");
            }
            if (!format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw fail("$.format", "is " + describe(format) + "; expected \"" + FORMAT + "\"");
            }
            fields(top, "$", Set.of("format", "name", "dtype", "model", "loss", "params", "input", "target", "expected"),
                    Set.of("source", "train", "tolerance"));
            String name = string(top.get("name"), "$.name");
            if (name.isEmpty()) {
                throw fail("$.name", "is empty; expected the case's name");
            }
            String source = top.has("source") ? string(top.get("source"), "$.source") : null;
            dtype = dtype(top.get("dtype"));
            Model model = model(top.get("model"));
            Reduction reduction = loss(top.get("loss"));

            int inputWidth = model.firstIn() > 0 ? model.firstIn() : -1;
            TensorData input = tensor(top.get("input"), "$.input", new int[] {-1, inputWidth}, "[batch, in]");
            int batch = input.shape().rows();
            int outputWidth = model.lastOut() > 0 ? model.lastOut() : input.shape().cols();
            int[] outputDims = {batch, outputWidth};
            TensorData target = tensor(top.get("target"), "$.target", outputDims, "[batch, out]");
            Map<String, TensorData> params = parameters(top.get("params"), "$.params", model.params(), "parameter");

            ObjectNode expected = object(top.get("expected"), "$.expected");
            fields(expected, "$.expected", Set.of("output", "loss", "grads"), Set.of());
            TensorData output = tensor(expected.get("output"), "$.expected.output", outputDims, "[batch, out]");
            double loss = element(expected.get("loss"), "$.expected.loss");
            Map<String, int[]> gradShapes = new LinkedHashMap<>();
            gradShapes.put("input", input.shape().dims());
            gradShapes.putAll(model.params());
            Map<String, TensorData> grads = parameters(expected.get("grads"), "$.expected.grads", gradShapes, "gradient");

            Optional<TrainingRun> train = top.has("train")
                    ? Optional.of(train(top.get("train"), model.params())) : Optional.empty();
            Optional<Tolerance> tolerance = top.has("tolerance")
                    ? Optional.of(tolerance(top.get("tolerance"))) : Optional.empty();
            return new ConformanceCase(origin, name, source, dtype, model.layers(), reduction, params, input, target,
                    new ExpectedResults(output, loss, grads), train, tolerance);
        }

        // ---- model -------------------------------------------------------------------------

        /** The layers, the parameter shapes by key, and the widths at both ends (-1 when no linear layer says). */
        private record Model(List<LayerSpec> layers, Map<String, int[]> params, int firstIn, int lastOut) {
        }

        private Model model(JsonNode node) throws CaseFormatException {
            ArrayNode array = array(node, "$.model");
            if (array.isEmpty()) {
                throw fail("$.model", "is an empty array; expected at least one layer");
            }
            List<LayerSpec> layers = new ArrayList<>();
            Map<String, int[]> params = new LinkedHashMap<>();
            int firstIn = -1;
            int width = -1;
            int widthFrom = -1;
            for (int i = 0; i < array.size(); i++) {
                String path = "$.model[" + i + "]";
                ObjectNode layer = object(array.get(i), path);
                JsonNode typeNode = layer.get("type");
                if (typeNode == null) {
                    throw fail(path + ".type", "missing; expected one of " + LAYER_TYPES);
                }
                String type = string(typeNode, path + ".type");
                if (type.equals("linear")) {
                    fields(layer, path, Set.of("type", "in", "out"), Set.of("bias"));
                    int in = positiveInt(layer.get("in"), path + ".in");
                    int out = positiveInt(layer.get("out"), path + ".out");
                    boolean bias = !layer.has("bias") || bool(layer.get("bias"), path + ".bias");
                    if (width != -1 && in != width) {
                        throw fail(path + ".in", "is " + in + "; expected " + width + ", the out of linear layer "
                                + widthFrom + " before it");
                    }
                    if (firstIn == -1) {
                        firstIn = in;
                    }
                    width = out;
                    widthFrom = i;
                    layers.add(new LayerSpec.Linear(in, out, bias));
                    params.put(i + ".weight", new int[] {out, in});
                    if (bias) {
                        params.put(i + ".bias", new int[] {out});
                    }
                } else if (type.equals("leaky_relu")) {
                    fields(layer, path, Set.of("type"), Set.of("negative_slope"));
                    double slope = layer.has("negative_slope")
                            ? finite(layer.get("negative_slope"), path + ".negative_slope")
                            : Activation.DEFAULT_NEGATIVE_SLOPE;
                    layers.add(LayerSpec.Act.of(Activation.leakyRelu(slope)));
                } else {
                    Activation function = activation(type, path + ".type");
                    fields(layer, path, Set.of("type"), Set.of());
                    layers.add(LayerSpec.Act.of(function));
                }
            }
            return new Model(layers, params, firstIn, width);
        }

        private Activation activation(String type, String path) throws CaseFormatException {
            for (Activation a : RandomNetworks.ACTIVATIONS) {
                if (a.kind().id().equals(type)) {
                    return a;
                }
            }
            throw fail(path, "is \"" + type + "\"; expected one of " + LAYER_TYPES);
        }

        private DType dtype(JsonNode node) throws CaseFormatException {
            String text = string(node, "$.dtype");
            for (DType d : DType.values()) {
                if (d.id().equals(text)) {
                    return d;
                }
            }
            throw fail("$.dtype", "is \"" + text + "\"; expected \"float32\" or \"float64\"");
        }

        private Reduction loss(JsonNode node) throws CaseFormatException {
            ObjectNode loss = object(node, "$.loss");
            fields(loss, "$.loss", Set.of("type", "reduction"), Set.of());
            String type = string(loss.get("type"), "$.loss.type");
            if (!type.equals("mse")) {
                throw fail("$.loss.type", "is \"" + type + "\"; expected \"mse\"");
            }
            String reduction = string(loss.get("reduction"), "$.loss.reduction");
            for (Reduction r : Reduction.values()) {
                if (r.id().equals(reduction)) {
                    return r;
                }
            }
            throw fail("$.loss.reduction", "is \"" + reduction + "\"; expected \"mean\" or \"sum\"");
        }

        // ---- tensors -----------------------------------------------------------------------

        /**
         * An object of tensors whose keys are exactly those of {@code shapes}, each of its shape;
         * the result is in the order of {@code shapes}.
         */
        private Map<String, TensorData> parameters(JsonNode node, String path, Map<String, int[]> shapes, String what)
                throws CaseFormatException {
            ObjectNode object = object(node, path);
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!shapes.containsKey(key)) {
                    throw fail(child(path, key), "\"" + key + "\" is not a " + what + " of the model; expected the keys "
                            + keyList(shapes));
                }
            }
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : shapes.entrySet()) {
                if (!object.has(e.getKey())) {
                    throw fail(path, "lacks \"" + e.getKey() + "\" " + Arrays.toString(e.getValue()) + "; expected the keys "
                            + keyList(shapes));
                }
                tensors.put(e.getKey(), tensor(object.get(e.getKey()), child(path, e.getKey()), e.getValue(),
                        Arrays.toString(e.getValue())));
            }
            return tensors;
        }

        private static String keyList(Map<String, int[]> shapes) {
            return shapes.isEmpty() ? "(none: the model has no parameters)" : String.join(", ", shapes.keySet());
        }

        /**
         * {@code {"shape": [...], "data": [...]}}, of the shape {@code expected} ({@code -1}: any
         * size; {@code meaning} says what the dimensions are).
         */
        private TensorData tensor(JsonNode node, String path, int[] expected, String meaning) throws CaseFormatException {
            ObjectNode object = object(node, path);
            fields(object, path, Set.of("shape", "data"), Set.of());
            ArrayNode shapeArray = array(object.get("shape"), path + ".shape");
            int[] dims = new int[shapeArray.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = positiveInt(shapeArray.get(i), path + ".shape[" + i + "]");
            }
            boolean fits = dims.length == expected.length;
            for (int i = 0; fits && i < dims.length; i++) {
                fits = expected[i] == -1 || expected[i] == dims[i];
            }
            if (!fits) {
                throw fail(path + ".shape", "is " + Arrays.toString(dims) + "; expected " + pattern(expected)
                        + " (" + meaning + ")");
            }
            Shape shape;
            try {
                shape = Shape.of(dims);
            } catch (IllegalArgumentException e) { // more elements than an array holds
                throw fail(path + ".shape", "is " + Arrays.toString(dims) + ": " + e.getMessage());
            }
            ArrayNode data = array(object.get("data"), path + ".data");
            if (data.size() != shape.size()) {
                throw fail(path + ".data", "has " + data.size() + " elements; expected " + shape.size()
                        + ", the product of shape " + shape);
            }
            double[] values = new double[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = element(data.get(i), path + ".data[" + i + "]");
            }
            return new TensorData(shape, values);
        }

        private static String pattern(int[] expected) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < expected.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(expected[i] == -1 ? "any" : Integer.toString(expected[i]));
            }
            return sb.append(']').toString();
        }

        /** A tensor element or loss: a number or "NaN", "Infinity", "-Infinity", rounded once to the dtype. */
        private double element(JsonNode node, String path) throws CaseFormatException {
            if (node == null) {
                throw fail(path, "missing; expected a number");
            }
            if (node.isTextual()) {
                return switch (node.textValue()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw fail(path, "is the string \"" + node.textValue()
                            + "\"; expected a number or one of \"NaN\", \"Infinity\", \"-Infinity\"");
                };
            }
            String text = numberText(node, path, "a number or one of \"NaN\", \"Infinity\", \"-Infinity\"");
            // straight from the decimal text: one correctly rounded conversion, and -0.0 keeps its sign
            return dtype == DType.FLOAT32 ? Float.parseFloat(text) : Double.parseDouble(text);
        }

        // ---- training run and tolerance ----------------------------------------------------

        private TrainingRun train(JsonNode node, Map<String, int[]> paramShapes) throws CaseFormatException {
            ObjectNode train = object(node, "$.train");
            fields(train, "$.train", Set.of("optimizer", "steps", "losses", "params"), Set.of());
            OptimizerSpec optimizer = optimizer(train.get("optimizer"));
            int steps = positiveInt(train.get("steps"), "$.train.steps");
            ArrayNode lossArray = array(train.get("losses"), "$.train.losses");
            if (lossArray.size() != steps) {
                throw fail("$.train.losses", "has " + lossArray.size() + " elements; expected " + steps
                        + ", one per step");
            }
            double[] losses = new double[steps];
            for (int i = 0; i < steps; i++) {
                losses[i] = element(lossArray.get(i), "$.train.losses[" + i + "]");
            }
            Map<String, TensorData> params = parameters(train.get("params"), "$.train.params", paramShapes, "parameter");
            return new TrainingRun(optimizer, steps, losses, params);
        }

        private OptimizerSpec optimizer(JsonNode node) throws CaseFormatException {
            String path = "$.train.optimizer";
            ObjectNode o = object(node, path);
            JsonNode typeNode = o.get("type");
            if (typeNode == null) {
                throw fail(path + ".type", "missing; expected \"sgd\" or \"adam\"");
            }
            String type = string(typeNode, path + ".type");
            try {
                if (type.equals("sgd")) {
                    fields(o, path, Set.of("type", "lr", "momentum", "dampening", "weight_decay", "nesterov"), Set.of());
                    return new OptimizerSpec.SgdSpec(new Sgd.Config(finite(o.get("lr"), path + ".lr"),
                            finite(o.get("momentum"), path + ".momentum"), finite(o.get("dampening"), path + ".dampening"),
                            finite(o.get("weight_decay"), path + ".weight_decay"),
                            bool(o.get("nesterov"), path + ".nesterov")));
                }
                if (type.equals("adam")) {
                    fields(o, path, Set.of("type", "lr", "betas", "eps", "weight_decay", "amsgrad"), Set.of());
                    ArrayNode betas = array(o.get("betas"), path + ".betas");
                    if (betas.size() != 2) {
                        throw fail(path + ".betas", "has " + betas.size() + " elements; expected 2, [beta1, beta2]");
                    }
                    return new OptimizerSpec.AdamSpec(new Adam.Config(finite(o.get("lr"), path + ".lr"),
                            finite(betas.get(0), path + ".betas[0]"), finite(betas.get(1), path + ".betas[1]"),
                            finite(o.get("eps"), path + ".eps"), finite(o.get("weight_decay"), path + ".weight_decay"),
                            bool(o.get("amsgrad"), path + ".amsgrad")));
                }
            } catch (IllegalArgumentException e) { // the optimizer's own checks, as torch.optim makes them
                throw fail(path, e.getMessage());
            }
            throw fail(path + ".type", "is \"" + type + "\"; expected \"sgd\" or \"adam\"");
        }

        private Tolerance tolerance(JsonNode node) throws CaseFormatException {
            ObjectNode t = object(node, "$.tolerance");
            if (t.has("rtol") != t.has("atol")) {
                throw fail("$.tolerance", "has " + (t.has("rtol") ? "rtol but not atol" : "atol but not rtol")
                        + "; expected both or neither (then omit tolerance)");
            }
            fields(t, "$.tolerance", Set.of("rtol", "atol"), Set.of());
            double rtol = finite(t.get("rtol"), "$.tolerance.rtol");
            double atol = finite(t.get("atol"), "$.tolerance.atol");
            if (rtol < 0 || atol < 0) {
                throw fail(rtol < 0 ? "$.tolerance.rtol" : "$.tolerance.atol", "is " + (rtol < 0 ? rtol : atol)
                        + "; expected a number >= 0");
            }
            return new Tolerance(rtol, atol);
        }

        // ---- JSON types --------------------------------------------------------------------

        /** Every key of {@code required} present, and no key outside {@code required} and {@code optional}. */
        private void fields(ObjectNode object, String path, Set<String> required, Set<String> optional)
                throws CaseFormatException {
            Set<String> allowed = new LinkedHashSet<>(required);
            allowed.addAll(optional);
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    throw fail(child(path, key), "unknown field \"" + key + "\"; allowed here: "
                            + String.join(", ", sorted(allowed)));
                }
            }
            for (String key : sorted(required)) {
                if (!object.has(key)) {
                    throw fail(child(path, key), "missing; it is required");
                }
            }
        }

        private static List<String> sorted(Set<String> keys) {
            return keys.stream().sorted().toList();
        }

        private ObjectNode object(JsonNode node, String path) throws CaseFormatException {
            if (node == null || !node.isObject()) {
                throw fail(path, (node == null ? "missing" : "is " + describe(node)) + "; expected a JSON object");
            }
            return (ObjectNode) node;
        }

        private ArrayNode array(JsonNode node, String path) throws CaseFormatException {
            if (node == null || !node.isArray()) {
                throw fail(path, (node == null ? "missing" : "is " + describe(node)) + "; expected a JSON array");
            }
            return (ArrayNode) node;
        }

        private String string(JsonNode node, String path) throws CaseFormatException {
            if (node == null || !node.isTextual()) {
                throw fail(path, (node == null ? "missing" : "is " + describe(node)) + "; expected a string");
            }
            return node.textValue();
        }

        private boolean bool(JsonNode node, String path) throws CaseFormatException {
            if (node == null || !node.isBoolean()) {
                throw fail(path, (node == null ? "missing" : "is " + describe(node)) + "; expected true or false");
            }
            return node.booleanValue();
        }

        private String numberText(JsonNode node, String path, String expected) throws CaseFormatException {
            if (node == null || !(node instanceof POJONode pojo && pojo.getPojo() instanceof NumberText)) {
                throw fail(path, (node == null ? "missing" : "is " + describe(node)) + "; expected " + expected);
            }
            return ((NumberText) ((POJONode) node).getPojo()).text();
        }

        /** A hyperparameter or tolerance: a finite JSON number, read as a double. */
        private double finite(JsonNode node, String path) throws CaseFormatException {
            double v = Double.parseDouble(numberText(node, path, "a finite number"));
            if (!Double.isFinite(v)) {
                throw fail(path, "is " + v + "; expected a finite number");
            }
            return v;
        }

        /** A size: an integer {@code >= 1} ({@code 3} or {@code 3.0}, not {@code 3.5}). */
        private int positiveInt(JsonNode node, String path) throws CaseFormatException {
            String text = numberText(node, path, "an integer >= 1");
            BigDecimal value = new BigDecimal(text);
            boolean integral = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
            if (!integral || value.compareTo(BigDecimal.ONE) < 0
                    || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw fail(path, "is " + text + "; expected an integer >= 1");
            }
            return value.intValueExact();
        }

        /** The JSON value as found, for messages: {@code the string "x"}, {@code the number 3}, ... */
        private static String describe(JsonNode node) {
            if (node instanceof POJONode pojo && pojo.getPojo() instanceof NumberText n) {
                return "the number " + n.text();
            }
            if (node.isTextual()) {
                String s = node.textValue();
                return "the string \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
            }
            if (node.isBoolean()) {
                return node.booleanValue() ? "true" : "false";
            }
            if (node.isNull()) {
                return "null";
            }
            return node.isArray() ? "an array" : "an object";
        }
    }
}
