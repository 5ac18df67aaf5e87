package org.backprop4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.SpecFormatException;
import org.backprop4j.nn.io.JsonValues;
import org.backprop4j.nn.io.SpecJson;

/**
 * What an executor needs to build a replica of the driver's model, sent with every task: the
 * layers and the loss as model.json writes them (the one codec, {@link SpecJson}), the dtype, and
 * the backend by name with the thread count each task may use. The weights travel separately, in
 * a broadcast per step. Equal descriptions give replicas that compute the same bits.
 *
 * @param layersJson  a JSON array of layer objects
 * @param lossJson    the loss object
 * @param outputs     the model's output width (the length of a loss's class weights)
 * @param dtype       the model's dtype
 * @param backend     the driver's backend, by name
 * @param threads     threads the backend may use for one op in a task ({@code spark.task.cpus})
 */
record ModelDescription(String layersJson, String lossJson, int outputs, DType dtype, String backend, int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The description of {@code model} trained with {@code loss}, with {@code threads} per task. */
    static ModelDescription of(Sequential model, LossSpec loss, int threads) {
        ArrayNode layers = JSON.createArrayNode();
        for (LayerSpec spec : model.specs()) {
            layers.add(SpecJson.writeLayer(spec));
        }
        return new ModelDescription(layers.toString(), SpecJson.writeLoss(loss).toString(), model.outputWidth(),
                model.dtype(), model.backend().name(), threads);
    }

    /** The layers, read back. */
    List<LayerSpec> layers() {
        JsonValues values = new JsonValues(dtype);
        JsonNode array = parse(layersJson);
        List<LayerSpec> specs = new ArrayList<>();
        try {
            for (int i = 0; i < array.size(); i++) {
                specs.add(SpecJson.readLayer(array.get(i), "$.model[" + i + "]", values));
            }
        } catch (SpecFormatException e) {
            throw new IllegalStateException("the driver's layers do not read back on this executor: " + e.getMessage(), e);
        }
        return specs;
    }

    /** The loss, read back (its vectors rounded to the dtype, as the driver's loss tensors are). */
    LossSpec loss() {
        try {
            return SpecJson.readLoss(parse(lossJson), "$.loss", new JsonValues(dtype), outputs);
        } catch (SpecFormatException e) {
            throw new IllegalStateException("the driver's loss does not read back on this executor: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model description is not JSON: " + e.getMessage(), e);
        }
    }
}
