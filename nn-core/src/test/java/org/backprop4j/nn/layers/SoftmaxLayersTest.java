package org.backprop4j.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/**
 * Softmax and log-softmax over rows, forward and backward, against {@code torch.softmax} and
 * {@code torch.log_softmax} in float64 (values printed by PyTorch 1.13), including a row with a
 * logit of 1e4, and the rows PyTorch turns into NaN.
 */
class SoftmaxLayersTest {
    private final Backend b = TestBackends.naive();
    private final DType f64 = DType.FLOAT64;
    private final Tensor x = b.fromArray(f64, Shape.matrix(2, 3), 1, 2, 3, -1, 0, 1e4);
    private final Tensor dy = b.fromArray(f64, Shape.matrix(2, 3), 1, -1, 0.5, 2, 0, 1);

    private static void assertClose(double[] actual, double... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], within(1e-15 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void softmaxMatchesPyTorchForwardAndBackward() {
        Softmax s = new Softmax(b);
        assertClose(b.toDoubleArray(s.forward(x)), 0.09003057317038045, 0.2447284710547976, 0.6652409557748218, 0, 0, 1);
        assertClose(b.toDoubleArray(s.backward(dy)), 0.07401210131275805, -0.2882711920250552, 0.21425909071229715, 0, 0, 0);
    }

    @Test
    void logSoftmaxMatchesPyTorchForwardAndBackward() {
        LogSoftmax s = new LogSoftmax(b);
        assertClose(b.toDoubleArray(s.forward(x)), -2.4076059644443806, -1.4076059644443804, -0.4076059644443804,
                -10001, -10000, 0);
        assertClose(b.toDoubleArray(s.backward(dy)), 0.9549847134148097, -1.1223642355273988, 0.1673795221125891, 2, 0, -2);
    }

    @Test
    void rowsOfMinusInfinityOrHoldingPlusInfinityOrNaNGiveNaNAsPyTorch() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor bad = b.fromArray(f64, Shape.matrix(3, 2), -inf, -inf, inf, 1, Double.NaN, 0);
        assertThat(b.toDoubleArray(new Softmax(b).forward(bad))).containsOnly(Double.NaN);
        assertThat(b.toDoubleArray(new LogSoftmax(b).forward(bad))).containsOnly(Double.NaN);
    }

    @Test
    void anyWidthAndBatchReusesItsBuffersPerShape() {
        Softmax s = new Softmax(b);
        Tensor first = s.forward(x);
        assertThat(s.forward(x)).isSameAs(first);
        Tensor wide = s.forward(b.fromArray(f64, Shape.matrix(1, 4), 0, 0, 0, 0));
        assertThat(b.toDoubleArray(wide)).containsExactly(0.25, 0.25, 0.25, 0.25);
    }
}
