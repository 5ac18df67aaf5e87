package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.loss.TargetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid case: linear(2, 3) relu linear(3, 1, no bias), batch 2, with an SGD run and a tolerance. */
    static final String VALID = """
            {
              "format": "backprop4j.case/1",
              "name": "small",
              "source": "hand-written",
              "dtype": "float64",
              "model": [
                {"type": "linear", "in": 2, "out": 3, "bias": true},
                {"type": "relu"},
                {"type": "linear", "in": 3, "out": 1, "bias": false}
              ],
              "loss": {"type": "mse", "reduction": "mean"},
              "params": {
                "0.weight": {"shape": [3, 2], "data": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]},
                "0.bias": {"shape": [3], "data": [0, -0.0, 1]},
                "2.weight": {"shape": [1, 3], "data": [1, 2, 3]}
              },
              "input": {"shape": [2, 2], "data": [1, 2, 3, 4]},
              "target": {"shape": [2, 1], "data": [0.5, "NaN"]},
              "expected": {
                "output": {"shape": [2, 1], "data": [1, "Infinity"]},
                "loss": "-Infinity",
                "grads": {
                  "input": {"shape": [2, 2], "data": [1, 2, 3, 4]},
                  "0.weight": {"shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
                  "0.bias": {"shape": [3], "data": [1, 2, 3]},
                  "2.weight": {"shape": [1, 3], "data": [1, 2, 3]}
                }
              },
              "train": {
                "optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0,
                              "nesterov": false},
                "steps": 2,
                "losses": [1.5, 1.25],
                "params": {
                  "0.weight": {"shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
                  "0.bias": {"shape": [3], "data": [1, 2, 3]},
                  "2.weight": {"shape": [1, 3], "data": [1, 2, 3]}
                }
              },
              "tolerance": {"rtol": 1e-4, "atol": 1e-5}
            }
            """;

    private static ConformanceCase read(String json) throws CaseFormatException {
        return new CaseReader().read("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree(VALID);
    }

    @Test
    void readsEveryFieldOfAValidCase() throws Exception {
        ConformanceCase c = read(VALID);
        assertThat(c.name()).isEqualTo("small");
        assertThat(c.source()).isEqualTo("hand-written");
        assertThat(c.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(c.layers()).containsExactly(new LayerSpec.Linear(2, 3, true), LayerSpec.ActivationLayer.of(Activation.RELU),
                new LayerSpec.Linear(3, 1, false));
        assertThat(c.loss()).isEqualTo(new LossSpec.Mse(Reduction.MEAN));
        assertThat(c.params()).containsOnlyKeys("0.weight", "0.bias", "2.weight");
        assertThat(c.params().get("0.weight").shape()).isEqualTo(Shape.matrix(3, 2));
        assertThat(c.params().get("0.bias").data()).containsExactly(0.0, -0.0, 1.0);
        assertThat(Double.doubleToRawLongBits(c.params().get("0.bias").data()[1])).as("-0.0 keeps its sign")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(c.target().data()[1]).isNaN();
        assertThat(c.expected().output().data()[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(c.expected().loss()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.expected().grads()).containsOnlyKeys("input", "0.weight", "0.bias", "2.weight");
        TrainingRun run = c.train().orElseThrow();
        assertThat(run.steps()).isEqualTo(2);
        assertThat(run.losses()).containsExactly(1.5, 1.25);
        assertThat(run.optimizer()).isInstanceOf(OptimizerSpec.SgdSpec.class);
        assertThat(c.effectiveTolerance()).isEqualTo(new Tolerance(1e-4, 1e-5));
    }

    @Test
    void appliesTheDefaultsTheFormatStates() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("model").get(0)).remove("bias");
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"leaky_relu\"}"));
        json.remove("tolerance");
        json.remove("train");
        json.remove("source");
        ConformanceCase c = read(json.toString());
        assertThat(c.layers().get(0)).isEqualTo(new LayerSpec.Linear(2, 3, true));
        assertThat(c.layers().get(1)).isEqualTo(LayerSpec.ActivationLayer.of(Activation.leakyRelu(0.01)));
        assertThat(c.effectiveTolerance()).isEqualTo(Tolerance.FLOAT64);
        assertThat(c.train()).isEmpty();
        assertThat(c.source()).isNull();
    }

    @Test
    void roundsFloat32NumbersOnceFromTheirDecimalText() throws Exception {
        ObjectNode json = valid();
        json.put("dtype", "float32");
        json.remove("tolerance");
        // just above the midpoint 1 + 2^-24 between the floats 1 and 1 + 2^-23: the nearest float is
        // 1 + 2^-23, but parsing to double first lands on the midpoint, which then rounds to even (1)
        String justAboveMidpoint = "1.0000000596046447753906250001";
        String text = json.toString().replace("[1,2,3,4]}", "[" + justAboveMidpoint + ",0.1,3,4]}");
        ConformanceCase c = read(text);
        assertThat(c.input().data()[0]).isEqualTo((double) Math.nextUp(1.0f));
        assertThat(c.input().data()[1]).isEqualTo((double) 0.1f);
        assertThat(c.effectiveTolerance()).isEqualTo(Tolerance.FLOAT32);
    }

    @Test
    void readsTheAdamOptimizer() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("train")).set("optimizer", JSON.readTree(
                "{\"type\": \"adam\", \"lr\": 0.01, \"betas\": [0.8, 0.99], \"eps\": 1e-8, \"weight_decay\": 0.1, \"amsgrad\": true}"));
        OptimizerSpec.AdamSpec adam = (OptimizerSpec.AdamSpec) read(json.toString()).train().orElseThrow().optimizer();
        assertThat(adam.config().beta1()).isEqualTo(0.8);
        assertThat(adam.config().beta2()).isEqualTo(0.99);
        assertThat(adam.config().amsgrad()).isTrue();
        assertThat(adam.config().weightDecay()).isEqualTo(0.1);
    }

    /** A valid classification case: linear(2, 3), cross-entropy with weights and smoothing, class-index targets. */
    static final String CLASSIFIER = """
            {
              "format": "backprop4j.case/1",
              "name": "classifier",
              "dtype": "float32",
              "model": [{"type": "linear", "in": 2, "out": 3}, {"type": "log_softmax"}],
              "loss": {"type": "cross_entropy", "reduction": "mean", "label_smoothing": 0.1,
                       "weight": {"shape": [3], "data": [0.1, 2, 1]}},
              "params": {
                "0.weight": {"shape": [3, 2], "data": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]},
                "0.bias": {"shape": [3], "data": [0, 0, 1]}
              },
              "input": {"shape": [2, 2], "data": [1, 2, 3, 4]},
              "target": {"shape": [2], "data": [2, 0.0]},
              "expected": {
                "output": {"shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]},
                "loss": 1.5,
                "grads": {
                  "input": {"shape": [2, 2], "data": [1, 2, 3, 4]},
                  "0.weight": {"shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
                  "0.bias": {"shape": [3], "data": [1, 2, 3]}
                }
              },
              "train": {
                "optimizer": {"type": "adamw", "lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-8, "weight_decay": 0.05,
                              "amsgrad": false},
                "scheduler": {"type": "cosine_annealing", "t_max": 4},
                "steps": 1,
                "losses": [1.5],
                "params": {
                  "0.weight": {"shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
                  "0.bias": {"shape": [3], "data": [1, 2, 3]}
                }
              }
            }
            """;

    private static ObjectNode classifier() throws Exception {
        return (ObjectNode) JSON.readTree(CLASSIFIER);
    }

    @Test
    void readsLossObjectsClassIndicesAdamWAndSchedules() throws Exception {
        ConformanceCase c = read(CLASSIFIER);
        assertThat(c.layers()).containsExactly(new LayerSpec.Linear(2, 3, true), new LayerSpec.LogSoftmax());
        LossSpec.CrossEntropy loss = (LossSpec.CrossEntropy) c.loss();
        assertThat(loss.reduction()).isEqualTo(Reduction.MEAN);
        assertThat(loss.labelSmoothing()).isEqualTo(0.1);
        assertThat(loss.weight()).as("rounded to float32 once").containsExactly((double) 0.1f, 2, 1);
        assertThat(c.target().shape()).isEqualTo(Shape.vector(2));
        assertThat(c.target().data()).containsExactly(2, 0);
        assertThat(NetworkProblem.of(c).targetKind()).isEqualTo(TargetKind.CLASS_INDICES);
        TrainingRun run = c.train().orElseThrow();
        assertThat(run.optimizer()).isInstanceOf(OptimizerSpec.AdamWSpec.class);
        assertThat(((OptimizerSpec.AdamWSpec) run.optimizer()).config().weightDecay()).isEqualTo(0.05);
        assertThat(run.scheduler()).contains(new SchedulerSpec.CosineAnnealingSpec(4, 0.0));

        ObjectNode json = classifier();
        ((ObjectNode) json.get("train")).set("scheduler", JSON.readTree(
                "{\"type\": \"step_lr\", \"step_size\": 2, \"gamma\": 0.5}"));
        ((ObjectNode) json.get("loss")).remove(List.of("label_smoothing", "weight"));
        ((ObjectNode) json.get("target")).set("shape", JSON.readTree("[2, 3]"));
        ((ObjectNode) json.get("target")).set("data", JSON.readTree("[0.2, 0.3, 0.5, 1, 0, 0]"));
        ConformanceCase probabilities = read(json.toString());
        assertThat(probabilities.loss()).isEqualTo(new LossSpec.CrossEntropy(Reduction.MEAN));
        assertThat(NetworkProblem.of(probabilities).targetKind()).isEqualTo(TargetKind.CLASS_PROBABILITIES);
        assertThat(probabilities.train().orElseThrow().scheduler()).contains(new SchedulerSpec.StepLrSpec(2, 0.5));
    }

    @Test
    void appliesTheDefaultsOfTheNewLayersAndLosses() throws Exception {
        ObjectNode json = valid();
        json.remove("train");
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"softplus\"}"));
        assertThat(read(json.toString()).layers().get(1)).isEqualTo(LayerSpec.ActivationLayer.of(Activation.softplus(1, 20)));
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"elu\"}"));
        assertThat(read(json.toString()).layers().get(1)).isEqualTo(LayerSpec.ActivationLayer.of(Activation.elu(1)));
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"gelu\"}"));
        assertThat(read(json.toString()).layers().get(1)).isEqualTo(LayerSpec.ActivationLayer.of(Activation.GELU));
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"gelu\", \"approximate\": \"tanh\"}"));
        assertThat(read(json.toString()).layers().get(1)).isEqualTo(LayerSpec.ActivationLayer.of(Activation.GELU_TANH));
        ((ArrayNode) json.get("model")).set(1, JSON.readTree("{\"type\": \"dropout\", \"p\": 0.25}"));
        assertThat(read(json.toString()).layers().get(1)).isEqualTo(new LayerSpec.Dropout(0.25));
        json.set("loss", JSON.readTree("{\"type\": \"huber\", \"reduction\": \"sum\"}"));
        assertThat(read(json.toString()).loss()).isEqualTo(new LossSpec.Huber(Reduction.SUM, 1.0));
    }

    static Stream<Arguments> malformedClassifiers() {
        return Stream.of(
                bad("class index out of range", j -> ((ArrayNode) j.get("target").get("data")).set(0, 3),
                        "$.target.data[0]", "is 3; expected an integer class index 0 <= k < 3, one per output column"),
                bad("negative class index", j -> ((ArrayNode) j.get("target").get("data")).set(1, -1),
                        "$.target.data[1]", "is -1; expected an integer class index 0 <= k < 3"),
                bad("class index not an integer", j -> ((ArrayNode) j.get("target").get("data")).set(1, 1.5),
                        "$.target.data[1]", "is 1.5; expected an integer class index 0 <= k < 3"),
                bad("class index NaN", j -> ((ArrayNode) j.get("target").get("data")).set(1, "NaN"),
                        "$.target.data[1]", "is the string \"NaN\"; expected an integer class index"),
                bad("class indices of another batch", j -> ((ObjectNode) j.get("target")).set("shape",
                        JSON.createArrayNode().add(3)), "$.target.shape",
                        "is [3]; expected [2] ([batch], class indices of cross_entropy)"),
                bad("weight with probability targets", j -> {
                    ((ObjectNode) j.get("target")).set("shape", JSON.createArrayNode().add(2).add(3));
                    ((ObjectNode) j.get("target")).set("data", JSON.createArrayNode().add(1).add(0).add(0).add(0).add(1)
                            .add(0));
                }, "$.loss.weight", "is given with class-probability targets [2, 3]; expected no weight, or class indices [2]"),
                bad("nll with a matrix target", j -> {
                    ((ObjectNode) j.get("loss")).put("type", "nll").remove("label_smoothing");
                    ((ObjectNode) j.get("target")).set("shape", JSON.createArrayNode().add(2).add(3));
                }, "$.target.shape", "is [2, 3]; expected [2] ([batch], class indices of nll)"),
                bad("weight of another length", j -> ((ObjectNode) j.get("loss").get("weight")).set("shape",
                        JSON.createArrayNode().add(2)), "$.loss.weight.shape",
                        "is [2]; expected [3] ([out], one per output column)"),
                bad("weight not finite", j -> ((ArrayNode) j.get("loss").get("weight").get("data")).set(1, "Infinity"),
                        "$.loss.weight.data[1]", "is Infinity; expected a finite number"),
                bad("label smoothing above 1", j -> ((ObjectNode) j.get("loss")).put("label_smoothing", 1.5),
                        "$.loss.label_smoothing", "is 1.5; expected a number in [0, 1]"),
                bad("label smoothing for nll", j -> ((ObjectNode) j.get("loss")).put("type", "nll"),
                        "$.loss.label_smoothing", "unknown field \"label_smoothing\"; allowed here: reduction, type, weight"),
                bad("pos_weight for cross_entropy", j -> ((ObjectNode) j.get("loss")).set("pos_weight",
                        j.get("loss").get("weight")), "$.loss.pos_weight", "unknown field \"pos_weight\""),
                bad("adamw without weight_decay", j -> ((ObjectNode) j.get("train").get("optimizer")).remove("weight_decay"),
                        "$.train.optimizer.weight_decay", "missing; it is required"),
                bad("a schedule field of another schedule", j -> ((ObjectNode) j.get("train").get("scheduler"))
                        .put("gamma", 0.5), "$.train.scheduler.gamma", "unknown field \"gamma\"; allowed here: eta_min, t_max, type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedClassifiers")
    void rejectsAMalformedClassifierCase(String what, Consumer<ObjectNode> mutation, String location, String problem)
            throws Exception {
        ObjectNode json = classifier();
        mutation.accept(json);
        CaseFormatException e = catchThrowableOfType(CaseFormatException.class, () -> read(json.toString()));
        assertThat(e).as(what).isNotNull();
        assertThat(e.location()).as(what).isEqualTo(location);
        assertThat(e.problem()).as(what).contains(problem);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("wrong format", j -> j.put("format", "backprop4j.case/2"),
                        "$.format", "is the string \"backprop4j.case/2\"; expected \"backprop4j.case/1\""),
                bad("no format", j -> j.remove("format"), "$.format", "missing; expected the string"),
                bad("unknown top-level field", j -> j.put("comment", "x"), "$.comment", "unknown field \"comment\""),
                bad("missing input", j -> j.remove("input"), "$.input", "missing; it is required"),
                bad("empty name", j -> j.put("name", ""), "$.name", "is empty"),
                bad("bad dtype", j -> j.put("dtype", "float16"), "$.dtype",
                        "is \"float16\"; expected \"float32\" or \"float64\""),
                bad("dtype not a string", j -> j.put("dtype", 32), "$.dtype", "is the number 32; expected a string"),
                bad("empty model", j -> j.set("model", JSON.createArrayNode()), "$.model", "empty array"),
                bad("unknown layer type", j -> ((ObjectNode) j.get("model").get(1)).put("type", "swish"),
                        "$.model[1].type", "is \"swish\"; expected one of " + String.join(", ", LayerSpec.typeNames())),
                bad("unknown layer field", j -> ((ObjectNode) j.get("model").get(1)).put("negative_slope", 0.1),
                        "$.model[1].negative_slope", "unknown field \"negative_slope\"; allowed here: type"),
                bad("widths that do not chain", j -> ((ObjectNode) j.get("model").get(2)).put("in", 4),
                        "$.model[2].in", "is 4; expected 3, the out of linear layer 0 before it"),
                bad("width not an integer", j -> ((ObjectNode) j.get("model").get(0)).put("out", 2.5),
                        "$.model[0].out", "is 2.5; expected an integer >= 1"),
                bad("zero width", j -> ((ObjectNode) j.get("model").get(0)).put("in", 0),
                        "$.model[0].in", "is 0; expected an integer >= 1"),
                bad("bias not a boolean", j -> ((ObjectNode) j.get("model").get(0)).put("bias", "yes"),
                        "$.model[0].bias", "expected true or false"),
                bad("unknown loss", j -> ((ObjectNode) j.get("loss")).put("type", "hinge"), "$.loss.type",
                        "is \"hinge\"; expected one of mse, l1, huber, cross_entropy, nll, bce_with_logits"),
                bad("another reduction", j -> ((ObjectNode) j.get("loss")).put("reduction", "none"),
                        "$.loss.reduction", "is \"none\"; expected \"mean\" or \"sum\""),
                bad("no reduction", j -> ((ObjectNode) j.get("loss")).remove("reduction"),
                        "$.loss.reduction", "missing; expected \"mean\" or \"sum\""),
                bad("a field of another loss", j -> ((ObjectNode) j.get("loss")).put("delta", 0.5),
                        "$.loss.delta", "unknown field \"delta\"; allowed here: reduction, type"),
                bad("huber delta of 0", j -> ((ObjectNode) j.get("loss")).put("type", "huber").put("delta", 0),
                        "$.loss.delta", "is 0.0; expected a finite number > 0"),
                bad("dropout p of 1", j -> ((ArrayNode) j.get("model")).set(1, dropout(1.0)),
                        "$.model[1].p", "is 1.0; expected a number in [0, 1)"),
                bad("dropout without p", j -> ((ArrayNode) j.get("model")).set(1, JSON.createObjectNode().put("type",
                        "dropout")), "$.model[1].p", "missing; expected a number in [0, 1)"),
                bad("dropout with a train run", j -> ((ArrayNode) j.get("model")).set(1, dropout(0.5)),
                        "$.train", "the model holds a dropout layer ($.model[1]); a case with dropout has no train run"),
                bad("gelu approximation unknown", j -> ((ArrayNode) j.get("model")).set(1, JSON.createObjectNode()
                        .put("type", "gelu").put("approximate", "erf")),
                        "$.model[1].approximate", "is \"erf\"; expected \"none\" or \"tanh\""),
                bad("softplus beta of 0", j -> ((ArrayNode) j.get("model")).set(1, JSON.createObjectNode()
                        .put("type", "softplus").put("beta", 0)),
                        "$.model[1].beta", "is 0.0; expected a finite number > 0"),
                bad("bce target NaN", j -> ((ObjectNode) j.get("loss")).put("type", "bce_with_logits"),
                        "$.target.data[1]", "is NaN; expected a value in [0, 1], a bce_with_logits target"),
                bad("missing parameter", j -> ((ObjectNode) j.get("params")).remove("0.bias"), "$.params",
                        "lacks \"0.bias\" [3]; expected the keys 0.weight, 0.bias, 2.weight"),
                bad("extra parameter", j -> ((ObjectNode) j.get("params")).set("2.bias", j.get("params").get("0.bias")),
                        "$.params[\"2.bias\"]", "\"2.bias\" is not a parameter of the model"),
                bad("data length vs shape", j -> ((ArrayNode) j.get("params").get("0.weight").get("data")).remove(5),
                        "$.params[\"0.weight\"].data", "has 5 elements; expected 6, the product of shape [3, 2]"),
                bad("transposed weight", j -> ((ObjectNode) j.get("params").get("0.weight"))
                                .set("shape", JSON.createArrayNode().add(2).add(3)),
                        "$.params[\"0.weight\"].shape", "is [2, 3]; expected [3, 2]"),
                bad("input of the wrong width", j -> ((ObjectNode) j.get("input"))
                                .set("shape", JSON.createArrayNode().add(1).add(4)),
                        "$.input.shape", "is [1, 4]; expected [any, 2] ([batch, in])"),
                bad("target of another batch", j -> ((ObjectNode) j.get("target"))
                                .set("shape", JSON.createArrayNode().add(1).add(2)),
                        "$.target.shape", "is [1, 2]; expected [2, 1] ([batch, out])"),
                bad("a string element", j -> ((ArrayNode) j.get("input").get("data")).set(2, "nan"),
                        "$.input.data[2]", "is the string \"nan\"; expected a number or one of \"NaN\""),
                bad("a null element", j -> ((ArrayNode) j.get("input").get("data")).set(0, JSON.nullNode()),
                        "$.input.data[0]", "is null; expected a number"),
                bad("extra tensor field", j -> ((ObjectNode) j.get("input")).put("dtype", "float64"),
                        "$.input.dtype", "unknown field \"dtype\"; allowed here: data, shape"),
                bad("missing input gradient", j -> ((ObjectNode) j.get("expected").get("grads")).remove("input"),
                        "$.expected.grads", "lacks \"input\" [2, 2]"),
                bad("loss not a number", j -> ((ObjectNode) j.get("expected")).put("loss", true),
                        "$.expected.loss", "is true; expected a number"),
                bad("tolerance with only rtol", j -> ((ObjectNode) j.get("tolerance")).remove("atol"),
                        "$.tolerance", "has rtol but not atol; expected both or neither"),
                bad("negative tolerance", j -> ((ObjectNode) j.get("tolerance")).put("atol", -1),
                        "$.tolerance.atol", "is -1.0; expected a number >= 0"),
                bad("losses of another length", j -> ((ObjectNode) j.get("train")).put("steps", 3),
                        "$.train.losses", "has 2 elements; expected 3, one per step"),
                bad("unknown optimizer", j -> ((ObjectNode) j.get("train").get("optimizer")).put("type", "rmsprop"),
                        "$.train.optimizer.type", "is \"rmsprop\"; expected \"sgd\", \"adam\" or \"adamw\""),
                bad("unknown schedule", j -> ((ObjectNode) j.get("train")).set("scheduler", JSON.createObjectNode()
                                .put("type", "one_cycle")),
                        "$.train.scheduler.type", "is \"one_cycle\"; expected \"step_lr\" or \"cosine_annealing\""),
                bad("step_lr without gamma", j -> ((ObjectNode) j.get("train")).set("scheduler", JSON.createObjectNode()
                                .put("type", "step_lr").put("step_size", 2)),
                        "$.train.scheduler.gamma", "missing; it is required"),
                bad("cosine_annealing t_max of 0", j -> ((ObjectNode) j.get("train")).set("scheduler",
                                JSON.createObjectNode().put("type", "cosine_annealing").put("t_max", 0)),
                        "$.train.scheduler.t_max", "is 0; expected an integer >= 1"),
                bad("optimizer field missing", j -> ((ObjectNode) j.get("train").get("optimizer")).remove("dampening"),
                        "$.train.optimizer.dampening", "missing; it is required"),
                bad("nesterov with dampening", j -> ((ObjectNode) j.get("train").get("optimizer"))
                                .put("nesterov", true).put("dampening", 0.5),
                        "$.train.optimizer", "SGD nesterov needs momentum > 0 and dampening = 0"),
                bad("trained parameter missing", j -> ((ObjectNode) j.get("train").get("params")).remove("2.weight"),
                        "$.train.params", "lacks \"2.weight\""));
    }

    private static ObjectNode dropout(double p) {
        return JSON.createObjectNode().put("type", "dropout").put("p", p);
    }

    private static Arguments bad(String what, Consumer<ObjectNode> mutation, String location, String problem) {
        return Arguments.of(what, mutation, location, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsAFileThatBreaksTheFormatNamingTheLocationAndTheProblem(String what, Consumer<ObjectNode> mutation,
                                                                        String location, String problem) throws Exception {
        ObjectNode json = valid();
        mutation.accept(json);
        CaseFormatException e = catchThrowableOfType(CaseFormatException.class, () -> read(json.toString()));
        assertThat(e).as(what).isNotNull();
        assertThat(e.origin()).isEqualTo("test.json");
        assertThat(e.location()).isEqualTo(location);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).startsWith("test.json: " + location + ": ");
    }

    @Test
    void rejectsAKeyGivenTwice() {
        String twice = VALID.replace("\"name\": \"small\",", "\"name\": \"small\", \"name\": \"again\",");
        CaseFormatException e = catchThrowableOfType(CaseFormatException.class, () -> read(twice));
        assertThat(e.location()).isEqualTo("$.name");
        assertThat(e.problem()).contains("appears twice");
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() {
        CaseFormatException e = catchThrowableOfType(CaseFormatException.class,
                () -> read("{\n  \"format\": \"backprop4j.case/1\",\n  \"name\": oops\n}"));
        assertThat(e.location()).isEqualTo("line 3, column 11");
        assertThat(e.problem()).startsWith("not valid JSON: ");
    }

    @Test
    void rejectsContentAfterTheObjectAndAnEmptyFile() {
        assertThat(catchThrowableOfType(CaseFormatException.class, () -> read(VALID + " {}")).problem())
                .contains("content after the end of the JSON object");
        assertThat(catchThrowableOfType(CaseFormatException.class, () -> read("  ")).problem()).contains("empty");
        assertThat(catchThrowableOfType(CaseFormatException.class, () -> read("[1]")).problem())
                .isEqualTo("is an array; expected a JSON object");
    }

    @Test
    void acceptsAModelWithoutParameters() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree("""
                {"format": "backprop4j.case/1", "name": "tanh only", "dtype": "float64",
                 "model": [{"type": "tanh"}], "loss": {"type": "mse", "reduction": "sum"}, "params": {},
                 "input": {"shape": [1, 2], "data": [0.5, -1]}, "target": {"shape": [1, 2], "data": [0, 0]},
                 "expected": {"output": {"shape": [1, 2], "data": [0.46, -0.76]}, "loss": 0.8,
                              "grads": {"input": {"shape": [1, 2], "data": [0.7, -0.6]}}}}
                """);
        ConformanceCase c = read(json.toString());
        assertThat(c.params()).isEmpty();
        ((ObjectNode) json.get("params")).set("0.weight", json.get("input"));
        assertThat(catchThrowableOfType(CaseFormatException.class, () -> read(json.toString())).problem())
                .contains("expected the keys (none: the model has no parameters)");
    }
}
