package org.backprop4j.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import org.backprop4j.api.Activation;
import org.backprop4j.nn.LayerSpec;

/**
 * The layer objects of the case format ({@code shared/specs/case-format.md}), as model.json
 * uses them: {@code {"type": "linear", "in": I, "out": O, "bias": true}} ({@code bias} defaults
 * to true), {@code {"type": "leaky_relu", "negative_slope": s}} ({@code s} defaults to 0.01),
 * and {@code {"type": T}} for {@code relu}, {@code sigmoid}, {@code tanh}, {@code identity}.
 */
final class LayerJson {
    private LayerJson() {
    }

    /** Reads one layer object; {@code where} names it in errors, e.g. {@code model.json: model[2]}. */
    static LayerSpec read(JsonNode layer, String where) throws ModelFormatException {
        if (!layer.isObject()) {
            throw new ModelFormatException(where + " is " + layer + "; expected a layer object {\"type\": ...}");
        }
        JsonNode type = layer.get("type");
        if (type == null || !type.isTextual()) {
            throw new ModelFormatException(where + " has type " + type
                    + "; expected one of linear, relu, leaky_relu, sigmoid, tanh, identity");
        }
        if (type.asText().equals("linear")) {
            onlyKeys(layer, where, Set.of("type", "in", "out", "bias"));
            int in = positiveInt(layer.get("in"), where + ".in");
            int out = positiveInt(layer.get("out"), where + ".out");
            JsonNode bias = layer.get("bias");
            if (bias != null && !bias.isBoolean()) {
                throw new ModelFormatException(where + ".bias is " + bias + "; expected true or false");
            }
            return new LayerSpec.Linear(in, out, bias == null || bias.asBoolean());
        }
        Activation.Kind kind = null;
        for (Activation.Kind k : Activation.Kind.values()) {
            if (k.id().equals(type.asText()) && k != Activation.Kind.GELU_TANH) {
                kind = k;
            }
        }
        if (kind == null || !LEGACY.contains(kind)) {
            throw new ModelFormatException(where + " has type '" + type.asText()
                    + "'; expected one of linear, relu, leaky_relu, sigmoid, tanh, identity");
        }
        if (kind != Activation.Kind.LEAKY_RELU) {
            onlyKeys(layer, where, Set.of("type"));
            return LayerSpec.Act.of(Activation.of(kind));
        }
        onlyKeys(layer, where, Set.of("type", "negative_slope"));
        JsonNode slope = layer.get("negative_slope");
        if (slope == null) {
            return LayerSpec.Act.of(Activation.LEAKY_RELU);
        }
        if (!slope.isNumber() || !Double.isFinite(slope.asDouble())) {
            throw new ModelFormatException(where + ".negative_slope is " + slope + "; expected a finite number");
        }
        return LayerSpec.Act.of(Activation.leakyRelu(slope.asDouble()));
    }

    private static final Set<Activation.Kind> LEGACY = java.util.EnumSet.of(Activation.Kind.IDENTITY,
            Activation.Kind.RELU, Activation.Kind.LEAKY_RELU, Activation.Kind.SIGMOID, Activation.Kind.TANH);

    /** The layer object of {@code spec}, with every field written out. */
    static ObjectNode write(LayerSpec spec) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", spec.type());
        if (spec instanceof LayerSpec.Linear l) {
            node.put("in", l.in());
            node.put("out", l.out());
            node.put("bias", l.bias());
        } else if (spec instanceof LayerSpec.Act a && a.function().kind() == Activation.Kind.LEAKY_RELU) {
            node.put("negative_slope", a.function().negativeSlope());
        }
        return node;
    }

    private static int positiveInt(JsonNode n, String where) throws ModelFormatException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
            throw new ModelFormatException(where + " is " + n + "; expected an integer >= 1");
        }
        return n.asInt();
    }

    /** Rejects keys outside {@code allowed}, so a misspelt field is an error rather than ignored. */
    static void onlyKeys(JsonNode object, String where, Set<String> allowed) throws ModelFormatException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ModelFormatException(where + " has unknown field '" + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
