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
import org.backprop4j.api.DType;
import org.backprop4j.nn.io.JsonValues;
import org.backprop4j.nn.io.SpecJson;

/**
 * The part of a PyTorch-made case file (shared/specs/case-format.md) that nn-core's own tests
 * need, its layers and loss read by the one codec of model and case files ({@link SpecJson}). The
 * strict, complete reader is the conformance kit's; this one trusts the rest of its input, which is
 * committed and made by tools/pytorch/generate_cases.py (and, for the losses and layers of issue 11,
 * by conformance-tests/src/test/pytorch/make_issue11_cases.py).
 */
record GoldenCase(String name, DType dtype, List<LayerSpec> model, LossSpec loss, Map<String, double[]> params,
                  int[] inputShape, double[] input, int[] targetShape, double[] target, double[] output, double expectedLoss,
                  Map<String, double[]> grads) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GoldenCase read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            DType dtype = DType.parse(root.get("dtype").asText());
            JsonValues values = new JsonValues(dtype);
            List<LayerSpec> model = new ArrayList<>();
            int out = -1;
            for (int i = 0; i < root.get("model").size(); i++) {
                LayerSpec layer = SpecJson.readLayer(root.get("model").get(i), "$.model[" + i + "]", values);
                model.add(layer);
                if (layer instanceof LayerSpec.Linear l) {
                    out = l.out();
                }
            }
            JsonNode expected = root.get("expected");
            return new GoldenCase(root.get("name").asText(), dtype, model,
                    SpecJson.readLoss(root.get("loss"), "$.loss", values, out), tensors(root.get("params")),
                    shape(root.get("input")), data(root.get("input")), shape(root.get("target")),
                    data(root.get("target")), data(expected.get("output")), expected.get("loss").asDouble(),
                    tensors(expected.get("grads")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
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
