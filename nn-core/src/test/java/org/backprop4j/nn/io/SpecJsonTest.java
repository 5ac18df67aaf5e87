package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.SpecFormatException;
import org.backprop4j.nn.loss.Reduction;
import org.junit.jupiter.api.Test;

/**
 * The one codec of layer and loss objects: every variant of {@link LayerSpec} and every
 * {@link LossSpec.Type} survives writing and reading (through Jackson's own trees, as model.json,
 * and through {@link JsonTree}, as case files), and reading is strict.
 */
class SpecJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonValues float64 = new JsonValues(DType.FLOAT64);

    /** One example of every layer: each activation kind, with and without non-default parameters. */
    static List<LayerSpec> everyLayer() {
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Linear(3, 4, false), new LayerSpec.Linear(2, 1, true),
                new LayerSpec.Softmax(), new LayerSpec.LogSoftmax(), new LayerSpec.Dropout(0.25), new LayerSpec.Dropout(0)));
        for (Activation.Kind kind : Activation.Kind.values()) {
            layers.add(LayerSpec.ActivationLayer.of(Activation.of(kind)));
        }
        layers.add(LayerSpec.ActivationLayer.of(Activation.leakyRelu(0.2)));
        layers.add(LayerSpec.ActivationLayer.of(Activation.elu(0.5)));
        layers.add(LayerSpec.ActivationLayer.of(Activation.softplus(2, 1.5)));
        return layers;
    }

    /** One example of every loss type, with and without its parameters, in both reductions. */
    static List<LossSpec> everyLoss() {
        List<LossSpec> losses = new ArrayList<>();
        for (Reduction r : Reduction.values()) {
            losses.addAll(List.of(new LossSpec.Mse(r), new LossSpec.L1(r), new LossSpec.Huber(r, 1), new LossSpec.Huber(r, 0.25),
                    new LossSpec.CrossEntropy(r), new LossSpec.CrossEntropy(r, 0.1, new double[] {1, 0.5, 2}),
                    new LossSpec.Nll(r, null), new LossSpec.Nll(r, new double[] {3, 1, 0.5}),
                    new LossSpec.BceWithLogits(r, null), new LossSpec.BceWithLogits(r, new double[] {2, 1, 1})));
        }
        return losses;
    }

    @Test
    void everyLayerVariantAndActivationKindIsCovered() {
        Set<Class<?>> variants = new HashSet<>();
        Set<Activation.Kind> kinds = new HashSet<>();
        for (LayerSpec l : everyLayer()) {
            variants.add(l.getClass());
            if (l instanceof LayerSpec.ActivationLayer a) {
                kinds.add(a.function().kind());
            }
        }
        assertThat(variants).containsExactlyInAnyOrder(LayerSpec.class.getPermittedSubclasses());
        assertThat(kinds).containsExactlyInAnyOrder(Activation.Kind.values());
        Set<LossSpec.Type> types = new HashSet<>();
        everyLoss().forEach(l -> types.add(l.type()));
        assertThat(types).containsExactlyInAnyOrder(LossSpec.Type.values());
        assertThat(LossSpec.class.getPermittedSubclasses()).hasSize(LossSpec.Type.values().length);
    }

    @Test
    void layersRoundTripThroughBothKindsOfTree() throws Exception {
        for (LayerSpec layer : everyLayer()) {
            String text = SpecJson.writeLayer(layer).toString();
            assertThat(SpecJson.readLayer(JSON.readTree(text), "$", float64)).as(text).isEqualTo(layer);
            assertThat(SpecJson.readLayer(strict(text), "$", float64)).as(text).isEqualTo(layer);
        }
    }

    @Test
    void lossesRoundTripThroughBothKindsOfTree() throws Exception {
        for (LossSpec loss : everyLoss()) {
            String text = SpecJson.writeLoss(loss).toString();
            assertThat(SpecJson.readLoss(JSON.readTree(text), "$", float64, 3)).as(text).isEqualTo(loss);
            assertThat(SpecJson.readLoss(strict(text), "$", float64, 3)).as(text).isEqualTo(loss);
        }
    }

    @Test
    void writesEveryParameterWithItsDefault() {
        assertThat(SpecJson.writeLayer(LayerSpec.ActivationLayer.of(Activation.GELU)).toString())
                .isEqualTo("{\"type\":\"gelu\",\"approximate\":\"none\"}");
        assertThat(SpecJson.writeLayer(LayerSpec.ActivationLayer.of(Activation.SOFTPLUS)).toString())
                .isEqualTo("{\"type\":\"softplus\",\"beta\":1.0,\"threshold\":20.0}");
        assertThat(SpecJson.writeLoss(new LossSpec.CrossEntropy(Reduction.MEAN, 0, new double[] {1, 2})).toString())
                .isEqualTo("{\"type\":\"cross_entropy\",\"reduction\":\"mean\",\"label_smoothing\":0.0,"
                        + "\"weight\":{\"shape\":[2],\"data\":[1.0,2.0]}}");
    }

    @Test
    void roundsVectorsOnceToTheDtypeFromTheirDecimalText() throws Exception {
        String text = "{\"type\": \"nll\", \"reduction\": \"sum\", \"weight\": {\"shape\": [2], "
                + "\"data\": [1.0000000596046447753906250001, 0.1]}}";
        LossSpec.Nll nll = (LossSpec.Nll) SpecJson.readLoss(strict(text), "$.loss", new JsonValues(DType.FLOAT32), 2);
        // just above the midpoint of 1 and the next float: through a double it would round to 1
        assertThat(nll.weight()).containsExactly((double) Math.nextUp(1.0f), (double) 0.1f);
    }

    @Test
    void rejectsWhatTheFormatDoesNotAllowAtItsPath() throws Exception {
        assertRejected("{\"type\": \"relu\", \"negative_slope\": 0.1}", "$.m.negative_slope",
                "unknown field \"negative_slope\"; allowed here: type");
        assertRejected("{\"type\": \"linear\", \"in\": 2}", "$.m.out", "missing; expected an integer >= 1");
        assertRejected("{\"in\": 2}", "$.m.type", "missing; expected one of linear, ");
        assertRejected("{\"type\": 3}", "$.m.type", "is the number 3; expected a string");
        assertRejected("{\"type\": \"leaky_relu\", \"negative_slope\": \"x\"}", "$.m.negative_slope",
                "is the string \"x\"; expected a finite number");
        SpecFormatException e = catchThrowableOfType(SpecFormatException.class, () -> SpecJson.readLoss(
                strict("{\"type\": \"bce_with_logits\", \"reduction\": \"mean\", \"pos_weight\": {\"shape\": [3], "
                        + "\"data\": [1, 2, 3]}}"), "$.loss", float64, 2));
        assertThat(e.location()).isEqualTo("$.loss.pos_weight.shape");
        assertThat(e.problem()).isEqualTo("is [3]; expected [2] ([out], one per output column)");
    }

    private void assertRejected(String layer, String location, String problem) throws Exception {
        SpecFormatException e = catchThrowableOfType(SpecFormatException.class,
                () -> SpecJson.readLayer(strict(layer), "$.m", float64));
        assertThat(e).as(layer).isNotNull();
        assertThat(e.location()).as(layer).isEqualTo(location);
        assertThat(e.problem()).as(layer).startsWith(problem);
    }

    private static JsonNode strict(String text) throws Exception {
        return JsonTree.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsTheLayerNamesOnceWithoutRepeats() {
        List<String> names = LayerSpec.typeNames();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        for (LayerSpec l : everyLayer()) {
            assertThat(names).contains(l.type());
        }
        assertThat(Arrays.asList(LossSpec.Type.ids().split(", "))).containsExactly("mse", "l1", "huber", "cross_entropy",
                "nll", "bce_with_logits");
    }
}
