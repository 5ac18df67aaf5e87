package org.backprop4j.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

class MseLossTest {
    private final Backend b = TestBackends.naive();
    private final DType f64 = DType.FLOAT64;

    /** Two rows, three outputs: N = 6 elements, so mean divides by 6, not by the batch size 2. */
    private final Tensor pred = b.fromArray(f64, Shape.matrix(2, 3), 1, 2, 3, 4, 5, 6);
    private final Tensor target = b.fromArray(f64, Shape.matrix(2, 3), 0, 2, 5, 4, 8, 6);

    @Test
    void meanDividesByTheElementCount() {
        MseLoss loss = new MseLoss(b, Reduction.MEAN);
        // d = [1, 0, -2, 0, -3, 0]; sum d^2 = 14
        assertThat(loss.forward(pred, target)).isEqualTo(14.0 / 6.0);
        assertThat(b.toDoubleArray(loss.backward()))
                .containsExactly(2.0 / 6, 0, -4.0 / 6, 0, -6.0 / 6, 0);
    }

    @Test
    void sumDoesNotDivide() {
        MseLoss loss = new MseLoss(b, Reduction.SUM);
        assertThat(loss.forward(pred, target)).isEqualTo(14.0);
        assertThat(b.toDoubleArray(loss.backward())).containsExactly(2, 0, -4, 0, -6, 0);
    }

    @Test
    void rejectsATargetOfAnotherShape() {
        MseLoss loss = new MseLoss(b, Reduction.MEAN);
        assertThatThrownBy(() -> loss.forward(pred, b.zeros(f64, Shape.matrix(3, 2))))
                .hasMessage("MseLoss: target is [3, 2]; expected [2, 3], the shape of the prediction");
        assertThatThrownBy(loss::backward).hasMessage("MseLoss: backward called before forward");
    }

    @Test
    void parsesReductions() {
        assertThat(Reduction.parse("sum")).isEqualTo(Reduction.SUM);
        assertThatThrownBy(() -> Reduction.parse("none"))
                .hasMessage("reduction 'none' is not supported; allowed: mean, sum");
    }
}
