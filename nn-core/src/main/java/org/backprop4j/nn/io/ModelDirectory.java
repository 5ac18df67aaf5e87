package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.ParameterShapes;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.train.Inference;

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

    /**
     * Writes {@code model} into {@code dir} as a whole ({@link ModelDirectoryWriter}): the directory
     * holds the previous model or this one, never a mix, and a failure leaves the previous one as
     * it was. Creates {@code dir} when missing; replaces a model already there.
     *
     * @throws OutputRefusedException when {@code dir} is a file or holds files that are not a model's
     * @throws FileWriteException     naming the file that could not be written and why
     */
    public static void write(Path dir, SavedModel model) throws IOException {
        try (ModelDirectoryWriter writer = ModelDirectoryWriter.prepare(dir, ModelDirectoryWriter.Existing.REPLACE,
                Set.of())) {
            writer.writeModel(model);
            writer.commit();
        }
    }

    /** Where {@link #writeFiles} puts each file of a model directory. */
    @FunctionalInterface
    interface FileSink {
        void write(String name, AtomicFile.Body body) throws FileWriteException;
    }

    /** Writes model.json and model.safetensors of {@code model} through {@code sink}, one tensor in memory at a time. */
    static void writeFiles(SavedModel model, FileSink sink) throws FileWriteException {
        Sequential net = model.network();
        byte[] json = ModelJson.write(new ModelJson.Document(net.dtype(), net.specs(), model.normalization(),
                model.inputNames(), model.outputNames(), model.classes(), model.loss(), model.head()))
                .getBytes(StandardCharsets.UTF_8);
        sink.write(MODEL_JSON, out -> out.write(json));
        Map<String, SafeTensors.Source> tensors = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            tensors.put(p.name(), new SafeTensors.Source(net.dtype(), p.value().shape().dims(),
                    () -> net.backend().toDoubleArray(p.value())));
        }
        sink.write(WEIGHTS, out -> SafeTensors.writeSources(out, tensors));
    }

    /** {@link #read(Path, Backend, NonFiniteValues)} refusing non-finite weights. */
    public static SavedModel read(Path dir, Backend backend) throws IOException {
        return read(dir, backend, NonFiniteValues.REFUSE);
    }

    /**
     * Reads the model in {@code dir} onto {@code backend}, in the dtype model.json names. Nothing in
     * the directory is trusted, and nothing is allocated for the network until it has been checked:
     * <ol>
     *   <li>both files must be regular files (a directory or a named pipe is named as such);</li>
     *   <li>model.json is read, at most {@value ModelJson#MAX_BYTES} bytes, and checked;</li>
     *   <li>the safetensors header is read and checked against the file's size, and every
     *       parameter the layers need against it: present, of its exact shape, nothing else;</li>
     *   <li>the memory the network needs ({@link MemoryEstimate#inference}) against what the JVM
     *       may use ({@link ModelTooLargeException});</li>
     *   <li>then the network is built and each weight read, one tensor at a time, and checked to be
     *       finite and within the model's dtype ({@link FiniteValues}) unless {@code nonFinite}
     *       is {@link NonFiniteValues#ALLOW}.</li>
     * </ol>
     *
     * @throws NoSuchFileException  when a file is missing
     * @throws ModelFormatException when a file is not a regular file, is malformed, or the weights
     *                              do not fit the layers or are not finite; the message names the
     *                              file and the problem
     */
    public static SavedModel read(Path dir, Backend backend, NonFiniteValues nonFinite) throws IOException {
        Path json = dir.resolve(MODEL_JSON);
        Path weights = dir.resolve(WEIGHTS);
        for (Path p : new Path[] {json, weights}) {
            FileKind kind = FileKind.of(p);
            if (kind == FileKind.MISSING) {
                throw new NoSuchFileException(p.toString(), null,
                        "a model directory holds " + MODEL_JSON + " and " + WEIGHTS);
            }
            if (kind != FileKind.REGULAR_FILE) {
                throw new ModelFormatException(p + " " + kind.description() + "; a model directory holds "
                        + MODEL_JSON + " and " + WEIGHTS + " as files");
            }
        }
        ModelJson.Document d = ModelJson.read(json);
        ParameterShapes shapes;
        try {
            shapes = ParameterShapes.of(d.layers());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json + ": " + e.getMessage(), e);
        }
        Sequential net;
        try (SafeTensorsFile file = SafeTensorsFile.open(weights)) {
            checkTensors(file, shapes, weights);
            MemoryEstimate need = MemoryEstimate.inference(d.layers(), d.dtype(), Inference.DEFAULT_BATCH_SIZE);
            long limit = MemoryEstimate.jvmLimit();
            if (!need.fitsIn(limit)) {
                throw new ModelTooLargeException(json, need, limit);
            }
            try {
                net = Sequential.build(backend, d.dtype(), d.layers(), 0L);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(json + ": " + e.getMessage(), e);
            }
            for (Parameter p : net.parameters()) {
                int[] expected = shapes.shapes().get(p.name());
                if (expected == null || !Arrays.equals(expected, p.value().shape().dims())) {
                    throw new IllegalStateException("ParameterShapes gives " + Arrays.toString(expected) + " for '"
                            + p.name() + "', the network has " + p.value().shape() + ": it does not know a layer type");
                }
                double[] values = file.readDoubles(p.name());
                if (nonFinite == NonFiniteValues.REFUSE) {
                    FiniteValues.checkWeights(values, expected, d.dtype(), weights + ": tensor '" + p.name() + "'");
                }
                backend.copyIn(values, p.value());
            }
        }
        try {
            return new SavedModel(net, d.normalization(), d.inputNames(), d.outputNames(), d.classes(), d.loss(),
                    d.head());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json + ": " + e.getMessage(), e);
        }
    }

    /** Every tensor must be a parameter of the layers, and every parameter a tensor of its exact shape. */
    private static void checkTensors(SafeTensorsFile file, ParameterShapes shapes, Path weights)
            throws ModelFormatException {
        Map<String, int[]> params = shapes.shapes();
        for (String key : file.keys()) {
            if (!params.containsKey(key)) {
                throw new ModelFormatException(weights + ": tensor '" + key + "' is not a parameter of the model in "
                        + MODEL_JSON + "; its parameters are " + new TreeSet<>(params.keySet()));
            }
        }
        for (Map.Entry<String, int[]> p : params.entrySet()) {
            if (!file.contains(p.getKey())) {
                throw new ModelFormatException(weights + ": no tensor '" + p.getKey() + "' "
                        + Arrays.toString(p.getValue()) + "; the model in " + MODEL_JSON + " needs " + params.keySet());
            }
            if (!Arrays.equals(file.shape(p.getKey()), p.getValue())) {
                throw new ModelFormatException(weights + ": tensor '" + p.getKey() + "' has shape "
                        + Arrays.toString(file.shape(p.getKey())) + "; the model in " + MODEL_JSON + " needs "
                        + Arrays.toString(p.getValue()));
            }
        }
    }
}
