package org.backprop4j.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.SpecFormatException;
import org.backprop4j.nn.SpecParameters;

/**
 * The one JSON codec of layer and loss objects ({@code shared/specs/case-format.md}), shared by
 * case files and model.json. What each type is called and which parameters it has, with which
 * defaults, is {@link LayerSpec}'s and {@link LossSpec}'s business; this class only maps them to
 * JSON: reading strictly (a missing, mistyped, out-of-range or unknown field is a
 * {@link SpecFormatException} at its JSON path), writing every field out.
 */
public final class SpecJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecJson() {
    }

    /**
     * Reads the layer object {@code node} at {@code path} (e.g. {@code $.model[2]}).
     *
     * @throws SpecFormatException naming the field and the problem
     */
    public static LayerSpec readLayer(JsonNode node, String path, JsonValues values) throws SpecFormatException {
        ObjectNode object = values.object(node, path);
        JsonNode type = object.get("type");
        if (type == null) {
            throw new SpecFormatException(path + ".type", "missing; expected one of "
                    + String.join(", ", LayerSpec.typeNames()));
        }
        Fields fields = new Fields(object, path, values, -1);
        String name = values.string(type, path + ".type");
        LayerSpec spec;
        try {
            spec = LayerSpec.read(name, fields);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException(path, e.getMessage());
        }
        fields.rejectOthers();
        return spec;
    }

    /**
     * Reads the loss object {@code node} at {@code path} (e.g. {@code $.loss}); its vectors
     * ({@code weight}, {@code pos_weight}) must have {@code outputs} elements and are rounded to
     * the dtype of {@code values}.
     *
     * @throws SpecFormatException naming the field and the problem
     */
    public static LossSpec readLoss(JsonNode node, String path, JsonValues values, int outputs)
            throws SpecFormatException {
        ObjectNode object = values.object(node, path);
        JsonNode type = object.get("type");
        if (type == null) {
            throw new SpecFormatException(path + ".type", "missing; expected one of " + LossSpec.Type.ids());
        }
        Fields fields = new Fields(object, path, values, outputs);
        String name = values.string(type, path + ".type");
        LossSpec spec;
        try {
            spec = LossSpec.read(name, fields);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException(path, e.getMessage());
        }
        fields.rejectOthers();
        return spec;
    }

    /** The layer object of {@code spec}: {@code type} first, then every parameter, defaults written out. */
    public static ObjectNode writeLayer(LayerSpec spec) {
        ObjectNode node = NODES.objectNode();
        node.put("type", spec.type());
        put(node, spec.parameters());
        return node;
    }

    /** The loss object of {@code spec}: {@code type}, {@code reduction}, then every parameter given. */
    public static ObjectNode writeLoss(LossSpec spec) {
        ObjectNode node = NODES.objectNode();
        node.put("type", spec.type().id());
        node.put("reduction", spec.reduction().id());
        put(node, spec.parameters());
        return node;
    }

    private static void put(ObjectNode node, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer i) {
                node.put(e.getKey(), i);
            } else if (v instanceof Boolean b) {
                node.put(e.getKey(), b);
            } else if (v instanceof Double d) {
                node.put(e.getKey(), d);
            } else if (v instanceof String s) {
                node.put(e.getKey(), s);
            } else if (v instanceof double[] vector) {
                ObjectNode tensor = node.putObject(e.getKey());
                tensor.putArray("shape").add(vector.length);
                ArrayNode data = tensor.putArray("data");
                for (double x : vector) {
                    data.add(x);
                }
            } else {
                throw new IllegalStateException("parameter " + e.getKey() + " has a value of "
                        + (v == null ? "null" : v.getClass()) + ", which no file can hold");
            }
        }
    }

    /** The fields of one object, read by name; remembers which were asked for. */
    private static final class Fields implements SpecParameters {
        private final ObjectNode object;
        private final String path;
        private final JsonValues values;
        private final int outputs;
        private final Set<String> asked = new LinkedHashSet<>();

        Fields(ObjectNode object, String path, JsonValues values, int outputs) {
            this.object = object;
            this.path = path;
            this.values = values;
            this.outputs = outputs;
        }

        private JsonNode get(String name) {
            asked.add(name);
            return object.get(name);
        }

        private String at(String name) {
            return JsonTree.child(path, name);
        }

        @Override
        public int positiveInt(String name) throws SpecFormatException {
            return values.positiveInt(get(name), at(name));
        }

        @Override
        public boolean bool(String name, boolean defaultValue) throws SpecFormatException {
            JsonNode n = get(name);
            return n == null ? defaultValue : values.bool(n, at(name));
        }

        @Override
        public double number(String name, DoublePredicate allowed, String expected) throws SpecFormatException {
            JsonNode n = get(name);
            if (n == null) {
                throw new SpecFormatException(at(name), "missing; expected " + expected);
            }
            return checked(name, values.finite(n, at(name)), allowed, expected);
        }

        @Override
        public double number(String name, double defaultValue, DoublePredicate allowed, String expected)
                throws SpecFormatException {
            JsonNode n = get(name);
            return n == null ? defaultValue : checked(name, values.finite(n, at(name)), allowed, expected);
        }

        private double checked(String name, double v, DoublePredicate allowed, String expected)
                throws SpecFormatException {
            if (!allowed.test(v)) {
                throw new SpecFormatException(at(name), "is " + v + "; expected " + expected);
            }
            return v;
        }

        @Override
        public String choice(String name, String defaultValue, List<String> allowed) throws SpecFormatException {
            JsonNode n = get(name);
            String expected = String.join(" or ", allowed.stream().map(a -> "\"" + a + "\"").toList());
            if (n == null) {
                if (defaultValue == null) {
                    throw new SpecFormatException(at(name), "missing; expected " + expected);
                }
                return defaultValue;
            }
            String s = values.string(n, at(name));
            if (!allowed.contains(s)) {
                throw new SpecFormatException(at(name), "is \"" + s + "\"; expected " + expected);
            }
            return s;
        }

        @Override
        public double[] vector(String name) throws SpecFormatException {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (outputs < 1) {
                throw new SpecFormatException(at(name), "is given where no output width is known");
            }
            double[] data = values.tensor(n, at(name), new int[] {outputs}, "[out], one per output column").data();
            for (int i = 0; i < data.length; i++) {
                if (!Double.isFinite(data[i])) {
                    throw new SpecFormatException(at(name) + ".data[" + i + "]", "is " + data[i]
                            + "; expected a finite number");
                }
            }
            return data;
        }

        @Override
        public SpecFormatException invalid(String name, String problem) {
            return new SpecFormatException(at(name), problem);
        }

        /** Fails on the first field that is neither {@code type} nor one the variant asked for. */
        void rejectOthers() throws SpecFormatException {
            values.fields(object, path, Set.of("type"), asked);
        }
    }
}
