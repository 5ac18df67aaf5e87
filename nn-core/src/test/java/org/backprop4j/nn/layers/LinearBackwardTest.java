package org.backprop4j.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/** Linear's forward and backward against values worked out by hand. */
class LinearBackwardTest {
    private final Backend b = TestBackends.naive();
    private final DType f64 = DType.FLOAT64;

    private Linear layer() {
        Linear l = new Linear(b, f64, 3, 2, true, new SplittableRandom(1));
        b.copyIn(new double[] {1, 2, 3, -1, 0, 1}, l.weight().value()); // W = [[1, 2, 3], [-1, 0, 1]]
        b.copyIn(new double[] {0.5, -0.5}, l.bias().value());
        return l;
    }

    private final Tensor x = b.fromArray(f64, Shape.matrix(2, 3), 1, 0, 2, 0, 1, 1);
    private final Tensor dy = b.fromArray(f64, Shape.matrix(2, 2), 1, 2, 3, 4);

    @Test
    void forwardIsXWTransposedPlusBias() {
        // row 0: [1*1 + 2*3, -1 + 2] + b = [7.5, 0.5]; row 1: [2 + 3, 0 + 1] + b = [5.5, 0.5]
        assertThat(b.toDoubleArray(layer().forward(x))).containsExactly(7.5, 0.5, 5.5, 0.5);
    }

    @Test
    void backwardGivesDyWAndAccumulatesDyTxAndColumnSums() {
        Linear l = layer();
        l.forward(x);
        Tensor dx = l.backward(dy);
        // dx = dy W: row 0 = 1*[1,2,3] + 2*[-1,0,1] = [-1, 2, 5]; row 1 = 3*[1,2,3] + 4*[-1,0,1] = [-1, 6, 13]
        assertThat(b.toDoubleArray(dx)).containsExactly(-1, 2, 5, -1, 6, 13);
        // dW = dy^T x: [[1*[1,0,2] + 3*[0,1,1]], [2*[1,0,2] + 4*[0,1,1]]]
        assertThat(b.toDoubleArray(l.weight().grad())).containsExactly(1, 3, 5, 2, 4, 8);
        assertThat(b.toDoubleArray(l.bias().grad())).containsExactly(4, 6);

        l.forward(x);
        l.backward(dy);
        assertThat(b.toDoubleArray(l.weight().grad())).as("gradients accumulate").containsExactly(2, 6, 10, 4, 8, 16);
        assertThat(b.toDoubleArray(l.bias().grad())).containsExactly(8, 12);
    }

    @Test
    void withoutBiasThereIsNoBiasParameter() {
        Linear l = new Linear(b, f64, 3, 2, false, new SplittableRandom(1));
        assertThat(l.bias()).isNull();
        assertThat(l.parameters()).extracting(p -> p.name()).containsExactly("weight");
        assertThat(l).hasToString("Linear(in_features=3, out_features=2, bias=false)");
    }

    @Test
    void rejectsAnInputOfTheWrongWidth() {
        assertThatThrownBy(() -> layer().forward(b.zeros(f64, Shape.matrix(2, 4))))
                .hasMessage("Linear(3, 2): input is [2, 4]; expected [batch, 3]");
        assertThatThrownBy(() -> layer().backward(dy)).hasMessage("Linear(3, 2): backward called before forward");
    }
}
