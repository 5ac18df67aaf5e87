package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The places where ND4J's own kernels differ from PyTorch's conventions, beyond what the shared
 * contract ({@link Nd4jBackendOpsTest}) checks: each test here fails with the plain ND4J op.
 */
class Nd4jOpsTest {
    private final Backend backend = Backend.wrap(new Nd4jBackendProvider());

    private Tensor vector(DType dtype, double... values) {
        return backend.fromArray(dtype, Shape.vector(values.length), values);
    }

    @ParameterizedTest(name = "MAX propagates a NaN of either operand when writing over a or b ({0})")
    @EnumSource(DType.class)
    void maxPropagatesNaNInPlace(DType dtype) {
        double nan = Double.NaN;
        double[] expected = {nan, nan, 2, nan};
        Tensor a = vector(dtype, nan, 1, 2, nan);
        backend.binary(BinaryOp.MAX, a, vector(dtype, 1, nan, -3, nan), a);
        assertThat(backend.toDoubleArray(a)).containsExactly(expected);
        Tensor b = vector(dtype, 1, nan, -3, nan);
        backend.binary(BinaryOp.MAX, vector(dtype, nan, 1, 2, nan), b, b);
        assertThat(backend.toDoubleArray(b)).containsExactly(expected);
    }

    @ParameterizedTest(name = "LeakyReLU gradient is the slope at +0, -0 and NaN, 1 above 0 ({0})")
    @EnumSource(DType.class)
    void leakyReluGradientAtTheKinkIsTheSlope(DType dtype) {
        double slope = 0.5; // exact in both dtypes, so the expected values are exact
        Tensor x = vector(dtype, 0.0, -0.0, Double.NaN, 1e-30, -1e-30);
        Tensor y = backend.zeros(dtype, x.shape());
        Tensor dy = vector(dtype, 4, 4, 4, 4, 4);
        backend.activation(Activation.LEAKY_RELU, slope, x, y);
        backend.activationBackward(Activation.LEAKY_RELU, slope, x, y, dy, dy);
        assertThat(backend.toDoubleArray(dy)).containsExactly(2, 2, 2, 4, 2);
    }

    @ParameterizedTest(name = "backward reads the output for ReLU, sigmoid and tanh and the input for LeakyReLU ({0})")
    @EnumSource(DType.class)
    void backwardReadsWhatPyTorchReads(DType dtype) {
        // x and y deliberately disagree (y != f(x)), so reading the wrong one shows
        Tensor x = vector(dtype, 2, -1);
        Tensor y = vector(dtype, 0.5, 0);
        Tensor dy = vector(dtype, 1, 4);
        Tensor dx = backend.zeros(dtype, x.shape());
        backend.activationBackward(Activation.SIGMOID, 0, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(0.25, 0); // dy (1 - y) y
        backend.activationBackward(Activation.TANH, 0, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(0.75, 4); // dy (1 - y^2)
        backend.activationBackward(Activation.RELU, 0, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(1, 0); // y > 0 ? dy : 0
        backend.activationBackward(Activation.LEAKY_RELU, 0.5, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(1, 2); // x > 0 ? dy : s dy
    }

    @Test
    void tanhIsAccurateNearZeroWhereNd4jsOwnKernelCancels() {
        // ND4J's tanh is (1 - e^-2x) / (1 + e^-2x): about 245 units of roundoff off at x = 1e-3
        double[] xs = {1e-3, -2.5e-3, 1e-6, 0.01, 3.0};
        Tensor x = vector(DType.FLOAT64, xs);
        Tensor y = backend.zeros(DType.FLOAT64, x.shape());
        backend.activation(Activation.TANH, 0, x, y);
        double[] got = backend.toDoubleArray(y);
        for (int i = 0; i < xs.length; i++) {
            assertThat(got[i]).as("tanh(%s)", xs[i]).isCloseTo(Math.tanh(xs[i]), within(8 * Math.ulp(Math.tanh(xs[i]))));
        }
    }

    @ParameterizedTest(name = "tanh saturates to +-1 without overflow and keeps NaN ({0})")
    @EnumSource(DType.class)
    void tanhOfLargeInputsIsPlusOrMinusOne(DType dtype) {
        Tensor x = vector(dtype, 100, -1e30, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        backend.activation(Activation.TANH, 0, x, x);
        assertThat(backend.toDoubleArray(x)).containsExactly(1, -1, 1, -1, Double.NaN);
    }

    @ParameterizedTest(name = "scratch arrays are reused across shapes and calls without mixing results ({0})")
    @EnumSource(DType.class)
    void activationsOfDifferentShapesInTurnStayIndependent(DType dtype) {
        Tensor small = backend.fromArray(dtype, Shape.matrix(1, 2), 0.5, -0.5);
        Tensor large = backend.fromArray(dtype, Shape.matrix(2, 3), 1, 2, 3, -1, -2, -3);
        Tensor smallOut = backend.zeros(dtype, small.shape());
        Tensor largeOut = backend.zeros(dtype, large.shape());
        for (int round = 0; round < 2; round++) {
            backend.activation(Activation.TANH, 0, small, smallOut);
            backend.activation(Activation.TANH, 0, large, largeOut);
        }
        Offset<Double> tolerance = within(dtype == DType.FLOAT32 ? 1e-6 : 1e-15);
        assertThat(backend.toDoubleArray(smallOut)).containsExactly(new double[] {Math.tanh(0.5), -Math.tanh(0.5)}, tolerance);
        assertThat(backend.toDoubleArray(largeOut)).containsExactly(new double[] {Math.tanh(1), Math.tanh(2), Math.tanh(3),
                -Math.tanh(1), -Math.tanh(2), -Math.tanh(3)}, tolerance);
    }
}
