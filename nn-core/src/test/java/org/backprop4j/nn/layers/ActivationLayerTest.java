package org.backprop4j.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/** Backward multiplies by the derivative (the notebook's backward ignored it), with PyTorch's kinks. */
class ActivationLayerTest {
    private final Backend b = TestBackends.naive();
    private final DType f64 = DType.FLOAT64;
    private final Tensor x = b.fromArray(f64, Shape.matrix(1, 4), -2, 0, 0.5, 3);
    private final Tensor dy = b.fromArray(f64, Shape.matrix(1, 4), 1, 1, 1, 2);

    private double[] backward(ActivationLayer layer) {
        layer.forward(x);
        return b.toDoubleArray(layer.backward(dy));
    }

    @Test
    void reluPassesGradientOnlyWherePositiveAndZeroAtZero() {
        assertThat(backward(new ActivationLayer(b, Activation.RELU))).containsExactly(0, 0, 1, 2);
    }

    @Test
    void leakyReluUsesTheSlopeAtAndBelowZero() {
        assertThat(backward(new ActivationLayer(b, Activation.leakyRelu(0.2)))).containsExactly(0.2, 0.2, 1, 2);
        assertThat(new ActivationLayer(b, Activation.LEAKY_RELU)).hasToString("Activation(leaky_relu(0.01))");
    }

    @Test
    void sigmoidAndTanhUseTheirDerivatives() {
        double[] s = backward(new ActivationLayer(b, Activation.SIGMOID));
        double s3 = 1 / (1 + Math.exp(-3));
        assertThat(s[1]).isEqualTo(0.25);
        assertThat(s[3]).isCloseTo(2 * s3 * (1 - s3), within(1e-15));
        double[] t = backward(new ActivationLayer(b, Activation.TANH));
        assertThat(t[1]).isEqualTo(1.0);
        assertThat(t[0]).isCloseTo(1 - Math.tanh(-2) * Math.tanh(-2), within(1e-15));
    }

    @Test
    void identityPassesTheGradientThrough() {
        assertThat(backward(new ActivationLayer(b, Activation.IDENTITY))).containsExactly(1, 1, 1, 2);
    }
}
