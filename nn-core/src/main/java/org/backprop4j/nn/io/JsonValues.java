package org.backprop4j.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.SpecFormatException;

/**
 * Strict, typed reading of the values of a JSON tree, as the case format and model.json need them:
 * each method takes a node and its JSON path and returns the value, or throws a
 * {@link SpecFormatException} at that path naming what was found and what is expected. Numbers
 * may be {@link JsonTree.DecimalText} (from {@link JsonTree#parse}) or Jackson's own numeric nodes;
 * tensor elements are converted from their decimal text straight to the dtype given at
 * construction (one correct rounding; {@code -0.0} keeps its sign), while hyperparameters are read
 * as doubles. Stateless apart from the dtype; thread-safe.
 */
public final class JsonValues {
    private final DType dtype;

    /**
     * A tensor as a file holds it: a shape and its elements in row-major order, rounded to the dtype.
     *
     * @param shape the shape
     * @param data  {@code shape.size()} elements
     */
    public record TensorValues(Shape shape, double[] data) {
        public TensorValues {
            Objects.requireNonNull(shape, "shape");
            if (data.length != shape.size()) {
                throw new IllegalArgumentException("tensor data has " + data.length + " elements; expected "
                        + shape.size() + " for shape " + shape);
            }
        }
    }

    /** Reads tensor elements in {@code dtype}. */
    public JsonValues(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    /**
     * Checks that every key of {@code required} is present and no key outside {@code required} and
     * {@code optional} is: {@code unknown field "x"; allowed here: ...} or {@code missing; it is required}.
     */
    public void fields(ObjectNode object, String path, Set<String> required, Set<String> optional)
            throws SpecFormatException {
        Set<String> allowed = new LinkedHashSet<>(required);
        allowed.addAll(optional);
        for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw new SpecFormatException(JsonTree.child(path, key), "unknown field \"" + key + "\"; allowed here: "
                        + String.join(", ", sorted(allowed)));
            }
        }
        for (String key : sorted(required)) {
            if (!object.has(key)) {
                throw new SpecFormatException(JsonTree.child(path, key), "missing; it is required");
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    /** A JSON object. */
    public ObjectNode object(JsonNode node, String path) throws SpecFormatException {
        if (node == null || !node.isObject()) {
            throw new SpecFormatException(path, found(node) + "; expected a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A JSON array. */
    public ArrayNode array(JsonNode node, String path) throws SpecFormatException {
        if (node == null || !node.isArray()) {
            throw new SpecFormatException(path, found(node) + "; expected a JSON array");
        }
        return (ArrayNode) node;
    }

    /** A string. */
    public String string(JsonNode node, String path) throws SpecFormatException {
        if (node == null || !node.isTextual()) {
            throw new SpecFormatException(path, found(node) + "; expected a string");
        }
        return node.textValue();
    }

    /** {@code true} or {@code false}. */
    public boolean bool(JsonNode node, String path) throws SpecFormatException {
        if (node == null || !node.isBoolean()) {
            throw new SpecFormatException(path, found(node) + "; expected true or false");
        }
        return node.booleanValue();
    }

    /** A size: an integer {@code >= 1} ({@code 3} or {@code 3.0}, not {@code 3.5}). */
    public int positiveInt(JsonNode node, String path) throws SpecFormatException {
        String text = numberText(node, path, "an integer >= 1");
        BigDecimal value = new BigDecimal(text);
        if (!isIntegral(value) || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new SpecFormatException(path, "is " + text + "; expected an integer >= 1");
        }
        return value.intValueExact();
    }

    /**
     * A class index: an integer {@code 0 <= k < classes}, written as a JSON number ({@code 2} or
     * {@code 2.0}).
     */
    public int classIndex(JsonNode node, String path, int classes) throws SpecFormatException {
        String expected = "an integer class index 0 <= k < " + classes;
        String text = numberText(node, path, expected);
        BigDecimal value = new BigDecimal(text);
        if (!isIntegral(value) || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(classes)) >= 0) {
            throw new SpecFormatException(path, "is " + text + "; expected " + expected + ", one per output column");
        }
        return value.intValueExact();
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** A hyperparameter or tolerance: a finite JSON number, read as a double. */
    public double finite(JsonNode node, String path) throws SpecFormatException {
        double v = Double.parseDouble(numberText(node, path, "a finite number"));
        if (!Double.isFinite(v)) {
            throw new SpecFormatException(path, "is " + v + "; expected a finite number");
        }
        return v;
    }

    /** A tensor element or loss: a number or "NaN", "Infinity", "-Infinity", rounded once to the dtype. */
    public double element(JsonNode node, String path) throws SpecFormatException {
        if (node == null) {
            throw new SpecFormatException(path, "missing; expected a number");
        }
        if (node.isTextual()) {
            return switch (node.textValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new SpecFormatException(path, "is the string \"" + node.textValue()
                        + "\"; expected a number or one of \"NaN\", \"Infinity\", \"-Infinity\"");
            };
        }
        String text = numberText(node, path, "a number or one of \"NaN\", \"Infinity\", \"-Infinity\"");
        // straight from the decimal text: one correctly rounded conversion, and -0.0 keeps its sign
        return dtype == DType.FLOAT32 ? Float.parseFloat(text) : Double.parseDouble(text);
    }

    /**
     * {@code {"shape": [...], "data": [...]}} of the shape {@code expected} ({@code -1}: any size;
     * {@code meaning} says what the dimensions are, e.g. {@code [batch, in]}).
     */
    public TensorValues tensor(JsonNode node, String path, int[] expected, String meaning) throws SpecFormatException {
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
            throw new SpecFormatException(path + ".shape", "is " + Arrays.toString(dims) + "; expected "
                    + pattern(expected) + " (" + meaning + ")");
        }
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) { // more elements than an array holds
            throw new SpecFormatException(path + ".shape", "is " + Arrays.toString(dims) + ": " + e.getMessage());
        }
        ArrayNode data = array(object.get("data"), path + ".data");
        if (data.size() != shape.size()) {
            throw new SpecFormatException(path + ".data", "has " + data.size() + " elements; expected " + shape.size()
                    + ", the product of shape " + shape);
        }
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element(data.get(i), path + ".data[" + i + "]");
        }
        return new TensorValues(shape, values);
    }

    private static String pattern(int[] expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(expected[i] == -1 ? "any" : Integer.toString(expected[i]));
        }
        return sb.append(']').toString();
    }

    /** The decimal text of a JSON number node. */
    private static String numberText(JsonNode node, String path, String expected) throws SpecFormatException {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof JsonTree.DecimalText d) {
            return d.text();
        }
        if (node != null && node.isNumber()) {
            return node.asText();
        }
        throw new SpecFormatException(path, found(node) + "; expected " + expected);
    }

    private static String found(JsonNode node) {
        return node == null ? "missing" : "is " + describe(node);
    }

    /** The JSON value as found, for messages: {@code the string "x"}, {@code the number 3}, ... */
    public static String describe(JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof JsonTree.DecimalText n) {
            return "the number " + n.text();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
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
