package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;

class ParameterShapesTest {
    private static final Backend NAIVE = Backends.discover().get("naive");

    /** The shapes worked out from the descriptions are the shapes Sequential.build makes, on random architectures. */
    @Test
    void agreesWithTheNetworkBuildMakes() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            List<LayerSpec> specs = new ArrayList<>();
            int width = 1 + rng.nextInt(6);
            int layers = 1 + rng.nextInt(4);
            for (int l = 0; l < layers; l++) {
                int out = 1 + rng.nextInt(6);
                specs.add(new LayerSpec.Linear(width, out, rng.nextBoolean()));
                if (rng.nextBoolean()) {
                    specs.add(LayerSpec.ActivationLayer.of(rng.nextBoolean() ? Activation.TANH : Activation.leakyRelu(0.3)));
                }
                width = out;
            }
            ParameterShapes shapes = ParameterShapes.of(specs);
            Sequential net = Sequential.build(NAIVE, DType.FLOAT64, specs, 1L);
            assertThat(shapes.shapes().keySet()).containsExactlyElementsOf(net.namedParameters().keySet());
            long elements = 0;
            for (Map.Entry<String, Parameter> p : net.namedParameters().entrySet()) {
                assertThat(shapes.shapes().get(p.getKey())).as(p.getKey()).isEqualTo(p.getValue().value().shape().dims());
                elements += p.getValue().value().shape().size();
            }
            assertThat(shapes.elements()).isEqualTo(elements);
            assertThat(shapes.inputWidth()).isEqualTo(net.inputWidth());
            assertThat(shapes.outputWidth()).isEqualTo(net.outputWidth());
        }
    }

    @Test
    void refusesWhatBuildRefusesWithTheSameMessageAndAcceptsWhatItAccepts() {
        List<LayerSpec> broken = List.of(new LayerSpec.Linear(3, 4, true), new LayerSpec.Linear(5, 2, true));
        assertThatThrownBy(() -> ParameterShapes.of(broken))
                .hasMessage("layer 1 (linear) has in = 5; expected 4, the width of the layers before it");
        assertThatThrownBy(() -> Sequential.build(NAIVE, DType.FLOAT32, broken, 1L))
                .hasMessage("layer 1 (linear) has in = 5; expected 4, the width of the layers before it");
        List<LayerSpec> activationFirst = List.of(LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(3, 4, true));
        assertThat(ParameterShapes.of(activationFirst).inputWidth()).as("a leading activation takes the input's width")
                .isEqualTo(Sequential.build(NAIVE, DType.FLOAT32, activationFirst, 1L).inputWidth());
        ParameterShapes activationsOnly = ParameterShapes.of(List.of(LayerSpec.ActivationLayer.of(Activation.SILU)));
        assertThat(activationsOnly.shapes()).isEmpty();
        assertThat(activationsOnly.inputWidth()).as("no linear layer fixes the width").isZero();
    }

    @Test
    void countsHugeNetworksWithoutBuildingThem() {
        ParameterShapes s = ParameterShapes.of(List.of(new LayerSpec.Linear(10, 46000, true),
                LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(46000, 46000, true),
                new LayerSpec.Linear(46000, 1, true)));
        assertThat(s.elements()).isEqualTo(10L * 46000 + 46000 + 46000L * 46000 + 46000 + 46000 + 1);
        assertThat(s.largest()).isEqualTo(46000L * 46000);
    }
}
