package org.backprop4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.SpecFormatException;
import org.backprop4j.nn.io.JsonTree;
import org.backprop4j.nn.io.JsonValues;
import org.backprop4j.nn.io.SpecJson;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Sgd;

/**
 * Reads case files, strictly, as {@code shared/specs/case-format.md} (format
 * {@value #FORMAT}) defines them. Anything the format does not allow is rejected with a
 * {@link CaseFormatException} naming the file, the JSON location and what is wrong: another
 * {@code format}, a missing or unknown field, a key given twice, a wrong JSON type, an unknown
 * layer, loss, optimizer or schedule type or dtype, linear widths that do not chain, parameters
 * missing or extra, a tensor whose shape is not the one its role requires or whose data length is
 * not the product of its shape, a class index that is not an integer {@code 0 <= k < out}, a
 * {@code weight} with class-probability targets, a bce_with_logits target outside {@code [0, 1]},
 * a training run in a case with a dropout layer, a tolerance with only one of {@code rtol} and
 * {@code atol}, hyperparameters {@code torch.optim} would refuse.
 *
 * <p>Layer and loss objects are read by nn-core's {@link SpecJson}, the codec model.json uses too,
 * so the two file kinds cannot disagree on a layer. Numbers are converted from their decimal text
 * straight to the case's dtype ({@link JsonTree}, {@link JsonValues}), so a float32 case holds the
 * float nearest to each number as written (not a double rounded again to float), and {@code -0.0}
 * keeps its sign. Tensor elements, {@code expected.loss} and {@code train.losses} may also be the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; hyperparameters and tolerances
 * must be finite numbers.
 *
 * <p>Defaults, exactly those the format states: a linear layer's {@code bias} (true), leaky_relu's
 * {@code negative_slope} (0.01), gelu's {@code approximate} ("none"), elu's {@code alpha} (1.0),
 * softplus's {@code beta} and {@code threshold} (1.0, 20.0), huber's {@code delta} (1.0),
 * cross_entropy's {@code label_smoothing} (0.0), cosine_annealing's {@code eta_min} (0); the class
 * weights are optional. Every other field the format lists is required. Stateless and thread-safe.
 */
public final class CaseReader {
    /** The value of the {@code format} field this reader understands. */
    public static final String FORMAT = "backprop4j.case/1";

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
        try {
            return new Reading(origin).read(JsonTree.parse(in));
        } catch (SpecFormatException e) {
            throw new CaseFormatException(origin, e.location(), e.problem());
        } catch (IOException e) {
            throw new CaseFormatException(origin, "file", "cannot be read: " + e);
        }
    }

    /** The reading of one file: its origin and, once known, its values in its dtype. */
    private static final class Reading {
        private final String origin;
        private JsonValues values;

        Reading(String origin) {
            this.origin = origin;
        }

        private static SpecFormatException fail(String path, String problem) {
            return new SpecFormatException(path, problem);
        }

        ConformanceCase read(JsonNode root) throws SpecFormatException {
            JsonValues untyped = new JsonValues(DType.FLOAT64);
            ObjectNode top = untyped.object(root, "$");
            JsonNode format = top.get("format");
            if (format == null) {
                throw fail("$.format", "missing; expected the string \"" + FORMAT + "\"");
            }
            if (!format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw fail("$.format", "is " + JsonValues.describe(format) + "; expected \"" + FORMAT + "\"");
            }
            untyped.fields(top, "$", Set.of("format", "name", "dtype", "model", "loss", "params", "input", "target",
                    "expected"), Set.of("source", "train", "tolerance"));
            String name = untyped.string(top.get("name"), "$.name");
            if (name.isEmpty()) {
                throw fail("$.name", "is empty; expected the case's name");
            }
            String source = top.has("source") ? untyped.string(top.get("source"), "$.source") : null;
            DType dtype = dtype(untyped.string(top.get("dtype"), "$.dtype"));
            values = new JsonValues(dtype);
            Model model = model(top.get("model"));

            int inputWidth = model.firstIn() > 0 ? model.firstIn() : -1;
            TensorData input = tensor(top.get("input"), "$.input", new int[] {-1, inputWidth}, "[batch, in]");
            int batch = input.shape().rows();
            int outputWidth = model.lastOut() > 0 ? model.lastOut() : input.shape().cols();
            LossSpec loss = SpecJson.readLoss(top.get("loss"), "$.loss", values, outputWidth);
            int[] outputDims = {batch, outputWidth};
            TensorData target = target(top.get("target"), loss, batch, outputWidth);
            Map<String, TensorData> params = parameters(top.get("params"), "$.params", model.params(), "parameter");

            ObjectNode expected = values.object(top.get("expected"), "$.expected");
            values.fields(expected, "$.expected", Set.of("output", "loss", "grads"), Set.of());
            TensorData output = tensor(expected.get("output"), "$.expected.output", outputDims, "[batch, out]");
            double expectedLoss = values.element(expected.get("loss"), "$.expected.loss");
            Map<String, int[]> gradShapes = new LinkedHashMap<>();
            gradShapes.put("input", input.shape().dims());
            gradShapes.putAll(model.params());
            Map<String, TensorData> grads = parameters(expected.get("grads"), "$.expected.grads", gradShapes,
                    "gradient");

            Optional<TrainingRun> train = Optional.empty();
            if (top.has("train")) {
                if (model.dropout() >= 0) {
                    throw fail("$.train", "is given, but the model holds a dropout layer ($.model[" + model.dropout()
                            + "]); a case with dropout has no train run (its masks are random)");
                }
                train = Optional.of(train(top.get("train"), model.params()));
            }
            Optional<Tolerance> tolerance = top.has("tolerance")
                    ? Optional.of(tolerance(top.get("tolerance"))) : Optional.empty();
            return new ConformanceCase(origin, name, source, dtype, model.layers(), loss, params, input, target,
                    new ExpectedResults(output, expectedLoss, grads), train, tolerance);
        }

        // ---- model -------------------------------------------------------------------------

        /**
         * The layers, the parameter shapes by key, the widths at both ends (-1 when no linear layer
         * says) and the index of a dropout layer (-1 for none).
         */
        private record Model(List<LayerSpec> layers, Map<String, int[]> params, int firstIn, int lastOut,
                             int dropout) {
        }

        private Model model(JsonNode node) throws SpecFormatException {
            ArrayNode array = values.array(node, "$.model");
            if (array.isEmpty()) {
                throw fail("$.model", "is an empty array; expected at least one layer");
            }
            List<LayerSpec> layers = new ArrayList<>();
            Map<String, int[]> params = new LinkedHashMap<>();
            int firstIn = -1;
            int width = -1;
            int widthFrom = -1;
            int dropout = -1;
            for (int i = 0; i < array.size(); i++) {
                String path = "$.model[" + i + "]";
                LayerSpec layer = SpecJson.readLayer(array.get(i), path, values);
                if (layer instanceof LayerSpec.Linear l) {
                    if (width != -1 && l.in() != width) {
                        throw fail(path + ".in", "is " + l.in() + "; expected " + width + ", the out of linear layer "
                                + widthFrom + " before it");
                    }
                    if (firstIn == -1) {
                        firstIn = l.in();
                    }
                    width = l.out();
                    widthFrom = i;
                    params.put(i + ".weight", new int[] {l.out(), l.in()});
                    if (l.bias()) {
                        params.put(i + ".bias", new int[] {l.out()});
                    }
                } else if (layer instanceof LayerSpec.Dropout && dropout == -1) {
                    dropout = i;
                }
                layers.add(layer);
            }
            return new Model(layers, params, firstIn, width, dropout);
        }

        private DType dtype(String text) throws SpecFormatException {
            for (DType d : DType.values()) {
                if (d.id().equals(text)) {
                    return d;
                }
            }
            throw fail("$.dtype", "is \"" + text + "\"; expected \"float32\" or \"float64\"");
        }

        // ---- target ------------------------------------------------------------------------

        /**
         * The target: class indices {@code [batch]} (integers {@code 0 <= k < out}) for a loss that
         * takes them and a target of rank 1, else {@code [batch, out]} (in {@code [0, 1]} for
         * bce_with_logits; without a class weight for cross_entropy's probabilities).
         */
        private TensorData target(JsonNode node, LossSpec loss, int batch, int out) throws SpecFormatException {
            ObjectNode object = values.object(node, "$.target");
            values.fields(object, "$.target", Set.of("shape", "data"), Set.of());
            boolean indices = loss.takesClassIndices()
                    && (loss.type() == LossSpec.Type.NLL || values.array(object.get("shape"), "$.target.shape").size() == 1);
            if (indices) {
                values.tensor(object, "$.target", new int[] {batch}, "[batch], class indices of " + loss.type());
                ArrayNode data = values.array(object.get("data"), "$.target.data");
                double[] k = new double[batch];
                for (int i = 0; i < batch; i++) {
                    k[i] = values.classIndex(data.get(i), "$.target.data[" + i + "]", out);
                }
                return new TensorData(Shape.vector(batch), k);
            }
            String meaning = loss.type() == LossSpec.Type.CROSS_ENTROPY ? "[batch, out], class probabilities"
                    : "[batch, out]";
            TensorData target = tensor(object, "$.target", new int[] {batch, out}, meaning);
            if (loss instanceof LossSpec.CrossEntropy ce && ce.weight() != null) {
                throw fail("$.loss.weight", "is given with class-probability targets " + target.shape()
                        + "; expected no weight, or class indices [" + batch + "]");
            }
            if (loss.type() == LossSpec.Type.BCE_WITH_LOGITS) {
                for (int i = 0; i < target.data().length; i++) {
                    double t = target.data()[i];
                    if (!(t >= 0 && t <= 1)) { // not "t < 0 || t > 1": rejects NaN too
                        throw fail("$.target.data[" + i + "]", "is " + t
                                + "; expected a value in [0, 1], a bce_with_logits target");
                    }
                }
            }
            return target;
        }

        // ---- tensors -----------------------------------------------------------------------

        private TensorData tensor(JsonNode node, String path, int[] expected, String meaning)
                throws SpecFormatException {
            JsonValues.TensorValues t = values.tensor(node, path, expected, meaning);
            return new TensorData(t.shape(), t.data());
        }

        /**
         * An object of tensors whose keys are exactly those of {@code shapes}, each of its shape;
         * the result is in the order of {@code shapes}.
         */
        private Map<String, TensorData> parameters(JsonNode node, String path, Map<String, int[]> shapes, String what)
                throws SpecFormatException {
            ObjectNode object = values.object(node, path);
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!shapes.containsKey(key)) {
                    throw fail(JsonTree.child(path, key), "\"" + key + "\" is not a " + what
                            + " of the model; expected the keys " + keyList(shapes));
                }
            }
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : shapes.entrySet()) {
                if (!object.has(e.getKey())) {
                    throw fail(path, "lacks \"" + e.getKey() + "\" " + Arrays.toString(e.getValue()) + "; expected the keys "
                            + keyList(shapes));
                }
                tensors.put(e.getKey(), tensor(object.get(e.getKey()), JsonTree.child(path, e.getKey()), e.getValue(),
                        Arrays.toString(e.getValue())));
            }
            return tensors;
        }

        private static String keyList(Map<String, int[]> shapes) {
            return shapes.isEmpty() ? "(none: the model has no parameters)" : String.join(", ", shapes.keySet());
        }

        // ---- training run and tolerance ----------------------------------------------------

        private TrainingRun train(JsonNode node, Map<String, int[]> paramShapes) throws SpecFormatException {
            ObjectNode train = values.object(node, "$.train");
            values.fields(train, "$.train", Set.of("optimizer", "steps", "losses", "params"), Set.of("scheduler"));
            OptimizerSpec optimizer = optimizer(train.get("optimizer"));
            Optional<SchedulerSpec> scheduler = train.has("scheduler")
                    ? Optional.of(scheduler(train.get("scheduler"))) : Optional.empty();
            int steps = values.positiveInt(train.get("steps"), "$.train.steps");
            ArrayNode lossArray = values.array(train.get("losses"), "$.train.losses");
            if (lossArray.size() != steps) {
                throw fail("$.train.losses", "has " + lossArray.size() + " elements; expected " + steps
                        + ", one per step");
            }
            double[] losses = new double[steps];
            for (int i = 0; i < steps; i++) {
                losses[i] = values.element(lossArray.get(i), "$.train.losses[" + i + "]");
            }
            Map<String, TensorData> params = parameters(train.get("params"), "$.train.params", paramShapes, "parameter");
            return new TrainingRun(optimizer, scheduler, steps, losses, params);
        }

        private OptimizerSpec optimizer(JsonNode node) throws SpecFormatException {
            String path = "$.train.optimizer";
            ObjectNode o = values.object(node, path);
            String expected = "\"sgd\", \"adam\" or \"adamw\"";
            String type = type(o, path, expected);
            try {
                switch (type) {
                    case "sgd" -> {
                        values.fields(o, path, Set.of("type", "lr", "momentum", "dampening", "weight_decay", "nesterov"),
                                Set.of());
                        return new OptimizerSpec.SgdSpec(new Sgd.Config(values.finite(o.get("lr"), path + ".lr"),
                                values.finite(o.get("momentum"), path + ".momentum"),
                                values.finite(o.get("dampening"), path + ".dampening"),
                                values.finite(o.get("weight_decay"), path + ".weight_decay"),
                                values.bool(o.get("nesterov"), path + ".nesterov")));
                    }
                    case "adam", "adamw" -> {
                        Adam.Config config = adamConfig(o, path);
                        return type.equals("adam") ? new OptimizerSpec.AdamSpec(config)
                                : new OptimizerSpec.AdamWSpec(config);
                    }
                    default -> throw fail(path + ".type", "is \"" + type + "\"; expected " + expected);
                }
            } catch (IllegalArgumentException e) { // the optimizer's own checks, as torch.optim makes them
                throw fail(path, e.getMessage());
            }
        }

        private Adam.Config adamConfig(ObjectNode o, String path) throws SpecFormatException {
            values.fields(o, path, Set.of("type", "lr", "betas", "eps", "weight_decay", "amsgrad"), Set.of());
            ArrayNode betas = values.array(o.get("betas"), path + ".betas");
            if (betas.size() != 2) {
                throw fail(path + ".betas", "has " + betas.size() + " elements; expected 2, [beta1, beta2]");
            }
            return new Adam.Config(values.finite(o.get("lr"), path + ".lr"),
                    values.finite(betas.get(0), path + ".betas[0]"), values.finite(betas.get(1), path + ".betas[1]"),
                    values.finite(o.get("eps"), path + ".eps"),
                    values.finite(o.get("weight_decay"), path + ".weight_decay"),
                    values.bool(o.get("amsgrad"), path + ".amsgrad"));
        }

        private SchedulerSpec scheduler(JsonNode node) throws SpecFormatException {
            String path = "$.train.scheduler";
            ObjectNode o = values.object(node, path);
            String expected = "\"step_lr\" or \"cosine_annealing\"";
            String type = type(o, path, expected);
            switch (type) {
                case "step_lr" -> {
                    values.fields(o, path, Set.of("type", "step_size", "gamma"), Set.of());
                    return new SchedulerSpec.StepLrSpec(values.positiveInt(o.get("step_size"), path + ".step_size"),
                            values.finite(o.get("gamma"), path + ".gamma"));
                }
                case "cosine_annealing" -> {
                    values.fields(o, path, Set.of("type", "t_max"), Set.of("eta_min"));
                    return new SchedulerSpec.CosineAnnealingSpec(values.positiveInt(o.get("t_max"), path + ".t_max"),
                            o.has("eta_min") ? values.finite(o.get("eta_min"), path + ".eta_min") : 0.0);
                }
                default -> throw fail(path + ".type", "is \"" + type + "\"; expected " + expected);
            }
        }

        /** The string {@code o.type}, which must be there; {@code expected} lists the names allowed, for the message. */
        private String type(ObjectNode o, String path, String expected) throws SpecFormatException {
            JsonNode typeNode = o.get("type");
            if (typeNode == null) {
                throw fail(path + ".type", "missing; expected " + expected);
            }
            return values.string(typeNode, path + ".type");
        }

        private Tolerance tolerance(JsonNode node) throws SpecFormatException {
            ObjectNode t = values.object(node, "$.tolerance");
            if (t.has("rtol") != t.has("atol")) {
                throw fail("$.tolerance", "has " + (t.has("rtol") ? "rtol but not atol" : "atol but not rtol")
                        + "; expected both or neither (then omit tolerance)");
            }
            values.fields(t, "$.tolerance", Set.of("rtol", "atol"), Set.of());
            double rtol = values.finite(t.get("rtol"), "$.tolerance.rtol");
            double atol = values.finite(t.get("atol"), "$.tolerance.atol");
            if (rtol < 0 || atol < 0) {
                throw fail(rtol < 0 ? "$.tolerance.rtol" : "$.tolerance.atol", "is " + (rtol < 0 ? rtol : atol)
                        + "; expected a number >= 0");
            }
            return new Tolerance(rtol, atol);
        }
    }
}
