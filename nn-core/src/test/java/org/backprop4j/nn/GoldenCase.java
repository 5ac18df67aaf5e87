package org.backprop4j.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.backprop4j.nn.loss.Reduction;

/**
 * The part of a PyTorch-made case file (shared/specs/case-format.md) that nn-core's own tests
 * need. The strict, complete reader is the conformance kit's; this one trusts its input, which
 * is committed and made by tools/pytorch/generate_cases.py.
 */
record GoldenCase(String name, DType dtype, List<LayerSpec> model, Reduction reduction, Map<String, double[]> params,
                  int[] inputShape, double[] input, int[] targetShape, double[] target, double[] output, double loss,
                  Map<String, double[]> grads) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GoldenCase read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<LayerSpec> model = new ArrayList<>();
            for (JsonNode layer : root.get("model")) {
                String type = layer.get("type").asText();
                if (type.equals("linear")) {
                    model.add(new LayerSpec.Linear(layer.get("in").asInt(), layer.get("out").asInt(),
                            !layer.has("bias") || layer.get("bias").asBoolean()));
                } else {
                    Activation f = switch (type) {
                        case "relu" -> Activation.RELU;
                        case "leaky_relu" -> layer.has("negative_slope")
                                ? Activation.leakyRelu(layer.get("negative_slope").asDouble()) : Activation.LEAKY_RELU;
                        case "sigmoid" -> Activation.SIGMOID;
                        case "tanh" -> Activation.TANH;
                        case "identity" -> Activation.IDENTITY;
                        default -> throw new IllegalArgumentException("layer type " + type);
                    };
                    model.add(LayerSpec.Act.of(f));
                }
            }
            JsonNode expected = root.get("expected");
            return new GoldenCase(root.get("name").asText(), DType.parse(root.get("dtype").asText()), model,
                    Reduction.parse(root.get("loss").get("reduction").asText()), tensors(root.get("params")),
                    shape(root.get("input")), data(root.get("input")), shape(root.get("target")),
                    data(root.get("target")), data(expected.get("output")), expected.get("loss").asDouble(),
                    tensors(expected.get("grads")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, double[]> tensors(JsonNode object) {
        Map<String, double[]> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), data(e.getValue())));
        return out;
    }

    private static int[] shape(JsonNode tensor) {
        int[] dims = new int[tensor.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.get("shape").get(i).asInt();
        }
        return dims;
    }

    private static double[] data(JsonNode tensor) {
        JsonNode d = tensor.get("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }
}
