package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Beyond what the shared contract ({@link Nd4jBackendOpsTest}) checks: the places where ND4J's
 * own kernels differ from PyTorch's conventions (each test here fails with the plain ND4J op,
 * which the backend therefore does not use), and the loops written out for speed (the branch-free
 * ReLU and LeakyReLU, sigmoid and tanh backward, SIGN, ABS, row maxima) against the reference
 * rules, bit for bit.
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

    @ParameterizedTest(name = "ReLU and LeakyReLU forward and backward equal the reference rules bit for bit (float32 LeakyReLU: with the slope rounded to float), at 0, -0, NaN and infinities ({0})")
    @EnumSource(DType.class)
    void reluAndLeakyReluAreTheReferenceRulesBitForBit(DType dtype) {
        // the backend computes both as integer masks; Activation states each rule per element
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] values = {0.0, -0.0, nan, -nan, inf, -inf, Double.MIN_VALUE, -Double.MIN_VALUE, 1.5, -1.5, 3e38, -3e38};
        double[] grads = {7, -7, 2, -2, nan, inf, -inf, 0.25, -0.0, 5, 6, -8};
        for (Activation f : new Activation[] {Activation.RELU, Activation.leakyRelu(0.01)}) {
            Tensor x = vector(dtype, values);
            Tensor dy = vector(dtype, grads);
            Tensor y = backend.zeros(dtype, x.shape());
            Tensor dx = backend.zeros(dtype, x.shape());
            backend.activation(f, x, y);
            backend.activationBackward(f, x, x, dy, dx); // x as the output too: every kind of value
            double[] stored = backend.toDoubleArray(x);
            double[] storedGrads = backend.toDoubleArray(dy);
            double[] expectedY = new double[stored.length];
            double[] expectedDx = new double[stored.length];
            for (int i = 0; i < stored.length; i++) {
                expectedY[i] = dtype.round(f.forward(stored[i]));
                expectedDx[i] = dtype.round(f.backward(stored[i], stored[i], storedGrads[i]));
                if (dtype == DType.FLOAT32 && f.kind() == Activation.Kind.LEAKY_RELU) {
                    // float32 multiplies by the slope rounded to float, as PyTorch's float32 kernel
                    float v = (float) stored[i];
                    float slope = (float) f.negativeSlope();
                    expectedY[i] = v > 0 ? v : v * slope;
                    expectedDx[i] = v > 0 ? (float) storedGrads[i] : (float) storedGrads[i] * slope;
                }
            }
            // containsExactly compares with Double.equals: +0.0 and -0.0 differ, NaN equals NaN
            assertThat(backend.toDoubleArray(y)).as("%s forward", f).containsExactly(expectedY);
            assertThat(backend.toDoubleArray(dx)).as("%s backward", f).containsExactly(expectedDx);
            backend.activation(f, x, x);
            assertThat(backend.toDoubleArray(x)).as("%s forward in place", f).containsExactly(expectedY);
        }
    }

    @ParameterizedTest(name = "the loops written out (sigmoid and tanh backward, SIGN, ABS, row maxima) equal the reference rules bit for bit, float32's backward rules in float ({0})")
    @EnumSource(DType.class)
    void writtenOutLoopsAreTheReferenceRulesBitForBit(DType dtype) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] values = {0.0, -0.0, nan, inf, -inf, 0.25, 0.999, 1, -1, 1e-30, 3e38, -0.7};
        double[] grads = {7, -7, 2, nan, inf, 0.25, -0.0, 5, 6, -8, 1e-3, 3};
        Tensor y = vector(dtype, values);
        Tensor dy = vector(dtype, grads);
        Tensor out = backend.zeros(dtype, y.shape());
        double[] stored = backend.toDoubleArray(y);
        double[] storedGrads = backend.toDoubleArray(dy);
        for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            backend.activationBackward(f, y, y, dy, out);
            double[] expected = new double[stored.length];
            for (int i = 0; i < stored.length; i++) {
                expected[i] = dtype.round(f.backward(stored[i], stored[i], storedGrads[i]));
                if (dtype == DType.FLOAT32) { // the rule in float, as PyTorch's float32 kernels
                    float v = (float) stored[i];
                    float g = (float) storedGrads[i];
                    expected[i] = f.kind() == Activation.Kind.SIGMOID ? g * (1 - v) * v : g * (1 - v * v);
                }
            }
            assertThat(backend.toDoubleArray(out)).as("%s backward", f).containsExactly(expected);
        }
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SIGN, UnaryOp.ABS}) {
            backend.unary(op, y, out);
            double[] expected = new double[stored.length];
            for (int i = 0; i < stored.length; i++) {
                expected[i] = dtype.round(op.apply(stored[i]));
            }
            assertThat(backend.toDoubleArray(out)).as("%s", op).containsExactly(expected);
        }
        Tensor maxima = backend.zeros(dtype, Shape.vector(4));
        backend.rowReduce(ReduceOp.MAX, backend.fromArray(dtype, Shape.matrix(4, 3), values), maxima);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            double m = ReduceOp.MAX.identity();
            for (int j = 0; j < 3; j++) {
                m = ReduceOp.MAX.apply(m, stored[3 * i + j]);
            }
            expected[i] = m;
        }
        assertThat(backend.toDoubleArray(maxima)).as("row maxima").containsExactly(expected);
    }

    @ParameterizedTest(name = "LeakyReLU gradient is the slope at +0, -0 and NaN, 1 above 0 ({0})")
    @EnumSource(DType.class)
    void leakyReluGradientAtTheKinkIsTheSlope(DType dtype) {
        double slope = 0.5; // exact in both dtypes, so the expected values are exact
        Tensor x = vector(dtype, 0.0, -0.0, Double.NaN, 1e-30, -1e-30);
        Tensor y = backend.zeros(dtype, x.shape());
        Tensor dy = vector(dtype, 4, 4, 4, 4, 4);
        backend.activation(Activation.leakyRelu(slope), x, y);
        backend.activationBackward(Activation.leakyRelu(slope), x, y, dy, dy);
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
        backend.activationBackward(Activation.SIGMOID, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(0.25, 0); // dy (1 - y) y
        backend.activationBackward(Activation.TANH, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(0.75, 4); // dy (1 - y^2)
        backend.activationBackward(Activation.RELU, x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(1, 0); // y > 0 ? dy : 0
        backend.activationBackward(Activation.leakyRelu(0.5), x, y, dy, dx);
        assertThat(backend.toDoubleArray(dx)).containsExactly(1, 2); // x > 0 ? dy : s dy
    }

    @Test
    void tanhIsAccurateNearZeroWhereNd4jsOwnKernelCancels() {
        // ND4J's tanh is (1 - e^-2x) / (1 + e^-2x): about 245 units of roundoff off at x = 1e-3
        double[] xs = {1e-3, -2.5e-3, 1e-6, 0.01, 3.0};
        Tensor x = vector(DType.FLOAT64, xs);
        Tensor y = backend.zeros(DType.FLOAT64, x.shape());
        backend.activation(Activation.TANH, x, y);
        double[] got = backend.toDoubleArray(y);
        for (int i = 0; i < xs.length; i++) {
            assertThat(got[i]).as("tanh(%s)", xs[i]).isCloseTo(Math.tanh(xs[i]), within(8 * Math.ulp(Math.tanh(xs[i]))));
        }
    }

    @ParameterizedTest(name = "tanh saturates to +-1 without overflow and keeps NaN ({0})")
    @EnumSource(DType.class)
    void tanhOfLargeInputsIsPlusOrMinusOne(DType dtype) {
        Tensor x = vector(dtype, 100, -1e30, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        backend.activation(Activation.TANH, x, x);
        assertThat(backend.toDoubleArray(x)).containsExactly(1, -1, 1, -1, Double.NaN);
    }

    @ParameterizedTest(name = "activations of different shapes in turn stay independent ({0})")
    @EnumSource(DType.class)
    void activationsOfDifferentShapesInTurnStayIndependent(DType dtype) {
        Tensor small = backend.fromArray(dtype, Shape.matrix(1, 2), 0.5, -0.5);
        Tensor large = backend.fromArray(dtype, Shape.matrix(2, 3), 1, 2, 3, -1, -2, -3);
        Tensor smallOut = backend.zeros(dtype, small.shape());
        Tensor largeOut = backend.zeros(dtype, large.shape());
        for (int round = 0; round < 2; round++) {
            backend.activation(Activation.TANH, small, smallOut);
            backend.activation(Activation.TANH, large, largeOut);
        }
        Offset<Double> tolerance = within(dtype == DType.FLOAT32 ? 1e-6 : 1e-15);
        assertThat(backend.toDoubleArray(smallOut)).containsExactly(new double[] {Math.tanh(0.5), -Math.tanh(0.5)}, tolerance);
        assertThat(backend.toDoubleArray(largeOut)).containsExactly(new double[] {Math.tanh(1), Math.tanh(2), Math.tanh(3),
                -Math.tanh(1), -Math.tanh(2), -Math.tanh(3)}, tolerance);
    }
}
