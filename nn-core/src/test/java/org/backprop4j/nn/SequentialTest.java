package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private final Backend b = TestBackends.naive();
    private final List<LayerSpec> specs = List.of(new LayerSpec.Linear(4, 8, true), LayerSpec.ActivationLayer.of(Activation.RELU),
            new LayerSpec.Linear(8, 3, false), LayerSpec.ActivationLayer.of(Activation.TANH));

    @Test
    void namesParametersLikePyTorchStateDictKeys() {
        Sequential s = Sequential.build(b, DType.FLOAT32, specs, 7);
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight");
        assertThat(s.specs()).isEqualTo(specs);
        assertThat(s.inputWidth()).isEqualTo(4);
        assertThat(s.outputWidth()).isEqualTo(3);
    }

    @Test
    void rejectsWidthsThatDoNotChain() {
        List<LayerSpec> bad = List.of(new LayerSpec.Linear(4, 8, true), new LayerSpec.Linear(7, 3, true));
        assertThatThrownBy(() -> Sequential.build(b, DType.FLOAT64, bad, 1))
                .hasMessage("layer 1 (linear) has in = 7; expected 8, the width of the layers before it");
        assertThatThrownBy(() -> Sequential.build(b, DType.FLOAT64, List.of(), 1))
                .hasMessage("Sequential: no layers; expected at least one");
    }

    @Test
    void aLeadingActivationTakesTheInputsWidthAsInPyTorch() {
        Sequential s = Sequential.build(b, DType.FLOAT64, List.of(LayerSpec.ActivationLayer.of(Activation.TANH),
                new LayerSpec.Linear(2, 1, true)), 1);
        s.loadStateDict(Map.of("1.weight", new double[] {1, 2}, "1.bias", new double[] {0.5}));
        Tensor y = s.forward(b.fromArray(DType.FLOAT64, Shape.matrix(1, 2), 0.25, -1));
        assertThat(b.toDoubleArray(y)).containsExactly(Math.tanh(0.25) + 2 * Math.tanh(-1) + 0.5);
        assertThat(s.inputWidth()).isEqualTo(2);
        Sequential anyWidth = Sequential.build(b, DType.FLOAT64, List.of(LayerSpec.ActivationLayer.of(Activation.RELU)), 1);
        assertThat(anyWidth.hasFixedWidth()).isFalse();
        assertThat(b.toDoubleArray(anyWidth.forward(b.fromArray(DType.FLOAT64, Shape.matrix(1, 3), -1, 0, 2))))
                .containsExactly(0, 0, 2);
        assertThatThrownBy(anyWidth::inputWidth).hasMessageContaining("takes inputs of any width");
    }

    @Test
    void startsInEvaluationModeAndSwitchesEveryLayer() {
        Sequential s = Sequential.build(b, DType.FLOAT64, List.of(new LayerSpec.Linear(3, 3, true),
                new LayerSpec.Dropout(0.5)), 1);
        assertThat(s.isTraining()).isFalse();
        org.backprop4j.nn.layers.Dropout dropout = (org.backprop4j.nn.layers.Dropout) s.layers().get(1);
        assertThat(dropout.isTraining()).isFalse();
        assertThat(s.train()).isSameAs(s);
        assertThat(s.isTraining()).isTrue();
        assertThat(dropout.isTraining()).isTrue();
        s.eval();
        assertThat(dropout.isTraining()).isFalse();
    }

    @Test
    void loadsAndReturnsStateDicts() {
        Sequential s = Sequential.build(b, DType.FLOAT64, List.of(new LayerSpec.Linear(2, 1, true)), 1);
        s.loadStateDict(Map.of("0.weight", new double[] {1, 2}, "0.bias", new double[] {3}));
        assertThat(s.stateDict().get("0.weight")).containsExactly(1, 2);
        assertThat(s.stateDict().get("0.bias")).containsExactly(3);
        assertThatThrownBy(() -> s.loadStateDict(Map.of("0.weight", new double[] {1, 2, 3}, "0.bias", new double[] {3})))
                .hasMessage("state dict entry '0.weight' has 3 elements; expected 2 for shape [1, 2]");
        assertThatThrownBy(() -> s.loadStateDict(Map.of("0.weight", new double[] {1, 2})))
                .hasMessage("state dict lacks parameter '0.bias' [1]; expected every key of [0.weight, 0.bias]");
        assertThatThrownBy(() -> s.loadStateDict(Map.of("1.weight", new double[] {1})))
                .hasMessageStartingWith("state dict has key '1.weight', which is not a parameter");
    }

    @Test
    void backwardParametersGivesTheSameGradientsWithoutTheInputGradient() {
        Sequential full = Sequential.build(b, DType.FLOAT64, specs, 5);
        Sequential lean = Sequential.build(b, DType.FLOAT64, specs, 5);
        Tensor x = b.fromArray(DType.FLOAT64, Shape.matrix(2, 4),
                0.5, -1, 2, 0.25, -0.5, 1, 0, 3);
        Tensor dy = b.fromArray(DType.FLOAT64, Shape.matrix(2, 3),
                1, -2, 0.5, 0.25, 3, -1);
        for (Sequential s : List.of(full, lean)) {
            s.zeroGrad();
            s.forward(x);
        }
        full.backward(dy);
        lean.backwardParameters(dy);
        for (String key : full.namedParameters().keySet()) {
            assertThat(b.toDoubleArray(lean.namedParameters().get(key).grad()))
                    .as(key).containsExactly(b.toDoubleArray(full.namedParameters().get(key).grad()));
        }
        assertThat(b.sum(full.namedParameters().get("0.weight").grad())).isNotZero();
    }

    @Test
    void zeroGradZeroesEveryGradient() {
        Sequential s = Sequential.build(b, DType.FLOAT64, specs, 3);
        for (Parameter p : s.parameters()) {
            b.fill(p.grad(), 5.0);
        }
        s.zeroGrad();
        for (Parameter p : s.parameters()) {
            assertThat(b.sum(p.grad())).isZero();
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        Map<String, double[]> a = Sequential.build(b, DType.FLOAT32, specs, 42).stateDict();
        Map<String, double[]> again = Sequential.build(b, DType.FLOAT32, specs, 42).stateDict();
        Map<String, double[]> other = Sequential.build(b, DType.FLOAT32, specs, 43).stateDict();
        assertThat(again.get("0.weight")).containsExactly(a.get("0.weight"));
        assertThat(other.get("0.weight")).isNotEqualTo(a.get("0.weight"));
    }
}
