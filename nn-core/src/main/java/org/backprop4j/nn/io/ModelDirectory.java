package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;

/**
 * A model directory: {@code model.json} describes the network, {@code model.safetensors} holds
 * its weights. Both read the same in PyTorch.
 *
 * <h2>model.json</h2>
 * <pre>
 * {
 *   "format": "backprop4j.model/1",
 *   "dtype": "float32" | "float64",
 *   "model": [LAYER, ...],
 *   "normalize": {"input_mean": [...], "input_std": [...], "target_mean": [...], "target_std": [...]},
 *   "input_names": ["age", ...],
 *   "output_names": ["progression"],
 *   "classes": {"column": "digit", "labels": [0, 1, ...]},
 *   "loss": {"type": "cross_entropy", "reduction": "mean", "label_smoothing": 0.0},
 *   "head": "softmax"
 * }
 * </pre>
 * {@code format}, {@code dtype} and {@code model} are required; the layer objects are the case
 * format's ({@code shared/specs/case-format.md}), applied in order as {@code torch.nn.Sequential}.
 * The rest is optional, and so is each vector of {@code normalize}: inputs are standardised as
 * {@code (x - input_mean) / input_std} before the network and its outputs mapped back as
 * {@code y * target_std + target_mean} (see {@link Normalization}). {@code input_names} and
 * {@code output_names} name the data columns (one per network input and output);
 * {@code classes} marks a classifier, output {@code j} scoring class {@code labels[j]}.
 * {@code loss} is the loss object of the case format the network was trained with (read as strictly
 * as a case file's, its vectors in the model's dtype). {@code head} says how a classifier's outputs
 * become class probabilities ({@link ClassifierHead}): {@code "softmax"} (the outputs are logits or
 * log-probabilities, one per class) or {@code "sigmoid"} (two classes, one output: the second class's
 * logit); without it the outputs are used as they are, and
 * {@code output_names} and {@code classes} have one entry per output, else one per class. A network
 * without a linear layer (any width) has no names, classes or normalize. Unknown fields are errors;
 * the network is read in evaluation mode (dropout off).
 *
 * <h2>model.safetensors</h2>
 * One tensor per PyTorch {@code state_dict} key of the {@code nn.Sequential}: {@code "0.weight"}
 * {@code [out, in]}, {@code "0.bias"} {@code [out]}, ... ({@link SafeTensors}). Written in the
 * model's dtype ({@code F32} or {@code F64}); read from either and converted to the model's dtype
 * (float32 widens exactly; float64 is rounded to nearest float32). Every parameter must be
 * present with its exact shape, and no other tensor.
 */
public final class ModelDirectory {
    /** The description's file name. */
    public static final String MODEL_JSON = "model.json";
    /** The weights' file name. */
    public static final String WEIGHTS = "model.safetensors";
    /** The value of {@code format}. */
    public static final String FORMAT = ModelJson.FORMAT;

    private ModelDirectory() {
    }

    /** Writes {@code model} into {@code dir} (created if missing), replacing both files. */
    public static void write(Path dir, SavedModel model) throws IOException {
        Files.createDirectories(dir);
        Sequential net = model.network();
        Files.writeString(dir.resolve(MODEL_JSON), ModelJson.write(new ModelJson.Document(net.dtype(), net.specs(),
                model.normalization(), model.inputNames(), model.outputNames(), model.classes(), model.loss(),
                model.head())),
                StandardCharsets.UTF_8);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            tensors.put(p.name(), new StoredTensor(net.dtype(), p.value().shape().dims(),
                    net.backend().toDoubleArray(p.value())));
        }
        SafeTensors.write(dir.resolve(WEIGHTS), tensors);
    }

    /**
     * Reads the model in {@code dir} onto {@code backend}, in the dtype model.json names.
     *
     * @throws NoSuchFileException  when a file is missing
     * @throws ModelFormatException when a file is malformed or the weights do not fit the layers
     */
    public static SavedModel read(Path dir, Backend backend) throws IOException {
        Path json = dir.resolve(MODEL_JSON);
        Path weights = dir.resolve(WEIGHTS);
        for (Path p : new Path[] {json, weights}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null,
                        "a model directory holds " + MODEL_JSON + " and " + WEIGHTS);
            }
        }
        ModelJson.Document d = ModelJson.read(json);
        Sequential net;
        try {
            net = Sequential.build(backend, d.dtype(), d.layers(), 0L);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json + ": " + e.getMessage(), e);
        }
        net.loadStateDict(stateDict(SafeTensors.read(weights), net, weights));
        try {
            return new SavedModel(net, d.normalization(), d.inputNames(), d.outputNames(), d.classes(), d.loss(),
                    d.head());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, double[]> stateDict(Map<String, StoredTensor> tensors, Sequential net, Path file)
            throws ModelFormatException {
        Map<String, Parameter> params = net.namedParameters();
        for (String key : tensors.keySet()) {
            if (!params.containsKey(key)) {
                throw new ModelFormatException(file + ": tensor '" + key + "' is not a parameter of the model in "
                        + MODEL_JSON + "; its parameters are " + new TreeSet<>(params.keySet()));
            }
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Parameter p : params.values()) {
            StoredTensor t = tensors.get(p.name());
            if (t == null) {
                throw new ModelFormatException(file + ": no tensor '" + p.name() + "' " + p.value().shape()
                        + "; the model in " + MODEL_JSON + " needs " + params.keySet());
            }
            int[] expected = p.value().shape().dims();
            if (!Arrays.equals(t.shape(), expected)) {
                throw new ModelFormatException(file + ": tensor '" + p.name() + "' has shape "
                        + Arrays.toString(t.shape()) + "; the model in " + MODEL_JSON + " needs "
                        + Arrays.toString(expected));
            }
            values.put(p.name(), t.data());
        }
        return values;
    }
}
