package org.backprop4j.nn.io;

import static org.backprop4j.nn.io.JsonFiles.onlyKeys;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.backprop4j.api.DType;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.OptimizerState;
import org.backprop4j.nn.train.BatchLoss;
import org.backprop4j.nn.train.EarlyStopping;
import org.backprop4j.nn.train.EpochResult;
import org.backprop4j.nn.train.StopReason;
import org.backprop4j.nn.train.TrainingState;

/**
 * A {@link Checkpoint} as two files beside a model's, written into its model directory as part of
 * the whole ({@link ModelDirectoryWriter}, each file through {@link AtomicFile}):
 * <pre>
 * checkpoint.json
 * {
 *   "format": "backprop4j.checkpoint/1",
 *   "dtype": "float32",
 *   "position": {"epoch": 6, "batch": 0, "samples": 0, "loss_sum": 0.0, "loss_normaliser": 0.0, "reduction": "mean"},
 *   "stop_reason": "epochs_done",                      (absent while the run goes on)
 *   "optimizer": {"type": "adamw", "steps": 270, "learning_rate": 0.001},
 *   "scheduler_steps": 270,                            (absent without a schedule)
 *   "early_stopping": {"best_epoch": 4, "best_loss": 0.0812, "epochs_without_improvement": 2},
 *                                                      (absent without early stopping; best_loss null before a best epoch)
 *   "history": [{"epoch": 1, "epochs": 6, "training_loss": 0.51, "validation_loss": 0.62, "samples": 283, "nanos": 41000000}, ...],
 *   "data": {"path": "data/diabetes.csv", "bytes": 23456, "sha256": "9f86d0..."},
 *   "flags": {"--hidden": "64,64", ...}
 * }
 * checkpoint.safetensors: "weights.KEY" (current), "best.KEY" (early stopping's best epoch, when there is
 *                         one), "optimizer.BUFFER.KEY", for every parameter KEY of the network, in its dtype
 * </pre>
 * A validation loss that was not computed (no validation rows) is {@code null}. Doubles are written
 * as Java's shortest decimal that reads back to the same double, so every number comes back bit for
 * bit, and so do float32 tensors. Reading trusts nothing: unknown fields, missing or extra tensors
 * and tensors of the wrong shape are errors naming the file and the field.
 */
public final class CheckpointFiles {
    /** The description's file name. */
    public static final String JSON = "checkpoint.json";
    /** The tensors' file name. */
    public static final String WEIGHTS = "checkpoint.safetensors";
    /** The value of {@code format}. */
    public static final String FORMAT = "backprop4j.checkpoint/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP_LEVEL = Set.of("format", "dtype", "position", "stop_reason", "optimizer",
            "scheduler_steps", "early_stopping", "history", "data", "flags");
    private static final String CURRENT = "weights.";
    private static final String BEST = "best.";
    private static final String OPTIMIZER = "optimizer.";

    private CheckpointFiles() {
    }

    /** The two files' names. */
    public static List<String> names() {
        return List.of(JSON, WEIGHTS);
    }

    /**
     * Writes {@code checkpoint} of a run of {@code network} into {@code writer}'s staging directory;
     * {@code writer} must have been prepared with {@link #names()} among its extra files.
     *
     * @throws FileWriteException naming the file that could not be written
     */
    public static void write(ModelDirectoryWriter writer, Checkpoint checkpoint, Sequential network)
            throws FileWriteException {
        TrainingState s = checkpoint.state();
        byte[] json = json(checkpoint, network.dtype()).getBytes(StandardCharsets.UTF_8);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            tensors.put(CURRENT + p.name(), tensor(network, p, s.weights().get(p.name())));
        }
        if (s.bestWeights() != null) {
            for (Parameter p : network.parameters()) {
                tensors.put(BEST + p.name(), tensor(network, p, s.bestWeights().get(p.name())));
            }
        }
        for (Map.Entry<String, Map<String, double[]>> buffer : s.optimizer().buffers().entrySet()) {
            for (Parameter p : network.parameters()) {
                tensors.put(OPTIMIZER + buffer.getKey() + "." + p.name(), tensor(network, p,
                        buffer.getValue().get(p.name())));
            }
        }
        writer.writeFile(JSON, out -> out.write(json));
        writer.writeFile(WEIGHTS, out -> SafeTensors.write(out, tensors));
    }

    private static StoredTensor tensor(Sequential network, Parameter p, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException("the checkpoint has no values for parameter '" + p.name() + "'");
        }
        return new StoredTensor(network.dtype(), p.value().shape().dims(), values);
    }

    private static String json(Checkpoint c, DType dtype) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        TrainingState s = c.state();
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("dtype", dtype.id());
        ObjectNode position = root.putObject("position");
        position.put("epoch", s.position().epoch());
        position.put("batch", s.position().batch());
        position.put("samples", s.position().samples());
        position.put("loss_sum", s.position().partial().sum());
        position.put("loss_normaliser", s.position().partial().normaliser());
        position.put("reduction", s.position().partial().reduction().id());
        if (s.stopReason() != null) {
            root.put("stop_reason", s.stopReason().id());
        }
        ObjectNode optimizer = root.putObject("optimizer");
        optimizer.put("type", s.optimizer().type());
        optimizer.put("steps", s.optimizer().steps());
        optimizer.put("learning_rate", s.optimizer().learningRate());
        if (s.schedulerSteps() >= 0) {
            root.put("scheduler_steps", s.schedulerSteps());
        }
        if (s.earlyStopping() != null) {
            ObjectNode early = root.putObject("early_stopping");
            early.put("best_epoch", s.earlyStopping().bestEpoch());
            if (s.earlyStopping().bestEpoch() > 0) {
                early.put("best_loss", s.earlyStopping().bestLoss());
            } else {
                early.putNull("best_loss");
            }
            early.put("epochs_without_improvement", s.earlyStopping().epochsWithoutImprovement());
        }
        ArrayNode history = root.putArray("history");
        for (EpochResult r : s.history()) {
            ObjectNode e = history.addObject();
            e.put("epoch", r.epoch());
            e.put("epochs", r.epochs());
            e.put("training_loss", r.trainingLoss());
            if (r.hasValidation()) {
                e.put("validation_loss", r.validationLoss());
            } else {
                e.putNull("validation_loss");
            }
            e.put("samples", r.samples());
            e.put("nanos", r.nanos());
        }
        ObjectNode data = root.putObject("data");
        data.put("path", c.data().path());
        data.put("bytes", c.data().bytes());
        data.put("sha256", c.data().sha256());
        ObjectNode flags = root.putObject("flags");
        c.flags().forEach(flags::put);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a checkpoint's JSON", e);
        }
    }

    /** What {@link #readRun} gives: what is needed before the network can be built. */
    public record Run(DType dtype, DataSource data, Map<String, String> flags) {
    }

    /**
     * The dtype, data and flags of the checkpoint in {@code dir}: what a resumed run needs to build
     * its network before {@link #read} can check the tensors against it.
     *
     * @throws java.nio.file.NoSuchFileException when {@code dir} holds no checkpoint
     * @throws ModelFormatException              when checkpoint.json is not one
     */
    public static Run readRun(Path dir) throws IOException {
        Path file = dir.resolve(JSON);
        JsonNode root = root(file);
        String source = file.toString();
        return new Run(dtype(root, source), data(object(root, "data", source), source + ": data"),
                flags(object(root, "flags", source), source + ": flags"));
    }

    /**
     * The checkpoint in {@code dir}, its tensors checked against {@code network}'s parameters: each
     * present with the parameter's shape, and none other.
     *
     * @throws java.nio.file.NoSuchFileException when a file is missing
     * @throws ModelFormatException              when a file is not what this class describes, naming it and the field
     */
    public static Checkpoint read(Path dir, Sequential network) throws IOException {
        Path file = dir.resolve(JSON);
        String source = file.toString();
        JsonNode root = root(file);
        DType dtype = dtype(root, source);
        if (dtype != network.dtype()) {
            throw new ModelFormatException(source + ": dtype is " + dtype.id() + "; the network is " + network.dtype().id());
        }
        try {
            JsonNode p = object(root, "position", source);
            onlyKeys(p, source + ": position", Set.of("epoch", "batch", "samples", "loss_sum", "loss_normaliser",
                    "reduction"));
            TrainingState.Position position = new TrainingState.Position(integer(p, "epoch", source + ": position"),
                    integer(p, "batch", source + ": position"), new BatchLoss(number(p, "loss_sum", source + ": position"),
                    number(p, "loss_normaliser", source + ": position"),
                    Reduction.parse(text(p, "reduction", source + ": position"))),
                    whole(p, "samples", source + ": position"));
            StopReason stop = root.has("stop_reason") ? StopReason.parse(text(root, "stop_reason", source)) : null;
            JsonNode o = object(root, "optimizer", source);
            onlyKeys(o, source + ": optimizer", Set.of("type", "steps", "learning_rate"));
            int schedulerSteps = root.has("scheduler_steps") ? integer(root, "scheduler_steps", source) : -1;
            EarlyStopping.State early = null;
            if (root.has("early_stopping")) {
                JsonNode e = object(root, "early_stopping", source);
                String where = source + ": early_stopping";
                onlyKeys(e, where, Set.of("best_epoch", "best_loss", "epochs_without_improvement"));
                int bestEpoch = integer(e, "best_epoch", where);
                early = new EarlyStopping.State(bestEpoch, bestEpoch == 0 ? Double.POSITIVE_INFINITY
                        : number(e, "best_loss", where), integer(e, "epochs_without_improvement", where));
            }
            List<EpochResult> history = history(root.get("history"), source);

            Map<String, StoredTensor> tensors = SafeTensors.read(dir.resolve(WEIGHTS));
            String weightsSource = dir.resolve(WEIGHTS).toString();
            Set<String> unread = new TreeSet<>(tensors.keySet());
            Map<String, double[]> weights = tensors(tensors, CURRENT, network, unread, weightsSource);
            Map<String, double[]> best = early != null && early.bestEpoch() > 0
                    ? tensors(tensors, BEST, network, unread, weightsSource) : null;
            Map<String, Map<String, double[]>> buffers = new LinkedHashMap<>();
            for (String key : new ArrayList<>(unread)) {
                if (key.startsWith(OPTIMIZER) && key.indexOf('.', OPTIMIZER.length()) > 0) {
                    String buffer = key.substring(OPTIMIZER.length(), key.indexOf('.', OPTIMIZER.length()));
                    if (!buffers.containsKey(buffer)) {
                        buffers.put(buffer, tensors(tensors, OPTIMIZER + buffer + ".", network, unread, weightsSource));
                    }
                }
            }
            if (!unread.isEmpty()) {
                throw new ModelFormatException(weightsSource + " holds " + unread + ", which the checkpoint does not use");
            }
            OptimizerState optimizer = new OptimizerState(text(o, "type", source + ": optimizer"),
                    whole(o, "steps", source + ": optimizer"), number(o, "learning_rate", source + ": optimizer"),
                    buffers);
            TrainingState state = new TrainingState(position, weights, optimizer, schedulerSteps, early, best, history,
                    stop);
            return new Checkpoint(state, data(object(root, "data", source), source + ": data"),
                    flags(object(root, "flags", source), source + ": flags"));
        } catch (IllegalArgumentException e) { // a value the records refuse: say which file
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode root(Path file) throws IOException {
        return JsonFiles.readDocument(MAPPER, file, ModelJson.MAX_BYTES, FORMAT, TOP_LEVEL);
    }

    private static DType dtype(JsonNode root, String source) throws ModelFormatException {
        String id = text(root, "dtype", source);
        try {
            return DType.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": dtype is \"" + id + "\"; expected \"float32\" or \"float64\"", e);
        }
    }

    private static Map<String, double[]> tensors(Map<String, StoredTensor> tensors, String prefix, Sequential network,
                                                 Set<String> unread, String source) throws ModelFormatException {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            String key = prefix + p.name();
            StoredTensor t = tensors.get(key);
            if (t == null) {
                throw new ModelFormatException(source + " lacks tensor '" + key + "' " + p.value().shape());
            }
            if (!java.util.Arrays.equals(t.shape(), p.value().shape().dims())) {
                throw new ModelFormatException(source + ": tensor '" + key + "' has shape "
                        + java.util.Arrays.toString(t.shape()) + "; the network's " + p.name() + " is " + p.value().shape());
            }
            out.put(p.name(), t.data());
            unread.remove(key);
        }
        return out;
    }

    private static List<EpochResult> history(JsonNode n, String source) throws ModelFormatException {
        if (n == null || !n.isArray()) {
            throw new ModelFormatException(source + ": history is " + n + "; expected an array of epochs");
        }
        List<EpochResult> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String where = source + ": history[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                throw new ModelFormatException(where + " is " + e + "; expected an object");
            }
            onlyKeys(e, where, Set.of("epoch", "epochs", "training_loss", "validation_loss", "samples", "nanos"));
            JsonNode v = e.get("validation_loss");
            double validation = v != null && v.isNull() ? Double.NaN : number(e, "validation_loss", where);
            out.add(new EpochResult(integer(e, "epoch", where), integer(e, "epochs", where),
                    number(e, "training_loss", where), validation, whole(e, "samples", where), whole(e, "nanos", where)));
        }
        return out;
    }

    private static DataSource data(JsonNode n, String where) throws ModelFormatException {
        onlyKeys(n, where, Set.of("path", "bytes", "sha256"));
        try {
            return new DataSource(text(n, "path", where), whole(n, "bytes", where), text(n, "sha256", where));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> flags(JsonNode n, String where) throws ModelFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(where + "." + e.getKey() + " is " + e.getValue() + "; expected a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static JsonNode object(JsonNode parent, String name, String where) throws ModelFormatException {
        JsonNode n = parent.get(name);
        if (n == null || !n.isObject()) {
            throw new ModelFormatException(where + ": " + name + " is " + n + "; expected an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String name, String where) throws ModelFormatException {
        JsonNode n = parent.get(name);
        if (n == null || !n.isTextual()) {
            throw new ModelFormatException(where + ": " + name + " is " + n + "; expected a string");
        }
        return n.asText();
    }

    private static double number(JsonNode parent, String name, String where) throws ModelFormatException {
        JsonNode n = parent.get(name);
        if (n == null || !n.isNumber()) {
            throw new ModelFormatException(where + ": " + name + " is " + n + "; expected a number");
        }
        return n.asDouble();
    }

    private static long whole(JsonNode parent, String name, String where) throws ModelFormatException {
        JsonNode n = parent.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new ModelFormatException(where + ": " + name + " is " + n + "; expected a whole number >= 0");
        }
        return n.asLong();
    }

    private static int integer(JsonNode parent, String name, String where) throws ModelFormatException {
        long v = whole(parent, name, where);
        if (v > Integer.MAX_VALUE) {
            throw new ModelFormatException(where + ": " + name + " is " + v + "; expected at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }
}
