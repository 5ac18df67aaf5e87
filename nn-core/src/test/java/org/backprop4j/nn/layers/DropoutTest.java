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

/** Dropout: the identity in evaluation mode; in training mode seeded masks with PyTorch's inverted scaling. */
class DropoutTest {
    private final Backend b = TestBackends.naive();
    private final Shape shape = Shape.matrix(50, 40);

    private Tensor ones(DType dtype) {
        Tensor t = b.zeros(dtype, shape);
        b.fill(t, 1.0);
        return t;
    }

    @Test
    void evaluationModeIsTheIdentityForwardAndBackward() {
        Dropout d = new Dropout(b, 0.5, new SplittableRandom(1));
        assertThat(d.isTraining()).isFalse();
        Tensor x = b.fromArray(DType.FLOAT64, Shape.matrix(1, 3), 1, -2, 3);
        assertThat(b.toDoubleArray(d.forward(x))).containsExactly(1, -2, 3);
        assertThat(b.toDoubleArray(d.backward(x))).containsExactly(1, -2, 3);
    }

    @Test
    void trainingKeepsAboutOneMinusPAndScalesKeptValuesExactly() {
        for (DType dtype : DType.values()) {
            Dropout d = new Dropout(b, 0.3, new SplittableRandom(2));
            d.setTraining(true);
            double[] y = b.toDoubleArray(d.forward(ones(dtype)));
            double scale = dtype.round(1 / 0.7);
            int kept = 0;
            for (double v : y) {
                assertThat(v).isIn(0.0, scale);
                kept += v == 0 ? 0 : 1;
            }
            // binomial(2000, 0.7): sd 0.0102 of the fraction; 5 sd
            assertThat((double) kept / y.length).isBetween(0.7 - 0.052, 0.7 + 0.052);
        }
    }

    @Test
    void backwardUsesTheMaskOfTheLastForwardAndEachForwardDrawsANewOne() {
        Dropout d = new Dropout(b, 0.5, new SplittableRandom(3));
        d.setTraining(true);
        double[] first = b.toDoubleArray(d.forward(ones(DType.FLOAT64)));
        double[] dx = b.toDoubleArray(d.backward(ones(DType.FLOAT64)));
        assertThat(dx).containsExactly(first);
        double[] second = b.toDoubleArray(d.forward(ones(DType.FLOAT64)));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theSameSeedGivesTheSameMasksAndPZeroKeepsEverything() {
        Dropout a = new Dropout(b, 0.4, new SplittableRandom(9));
        Dropout c = new Dropout(b, 0.4, new SplittableRandom(9));
        a.setTraining(true);
        c.setTraining(true);
        assertThat(b.toDoubleArray(a.forward(ones(DType.FLOAT32)))).containsExactly(b.toDoubleArray(c.forward(ones(DType.FLOAT32))));
        Dropout none = new Dropout(b, 0, new SplittableRandom(1));
        none.setTraining(true);
        assertThat(b.toDoubleArray(none.forward(ones(DType.FLOAT32)))).containsOnly(1.0);
    }

    @Test
    void rejectsAProbabilityOutsideZeroToOne() {
        assertThatThrownBy(() -> new Dropout(b, 1, new SplittableRandom(1))).hasMessage("dropout p (1.0) must be in [0, 1)");
        assertThatThrownBy(() -> new Dropout(b, Double.NaN, new SplittableRandom(1))).hasMessage("dropout p (NaN) must be in [0, 1)");
        assertThatThrownBy(() -> new Dropout(b, 0.5, new SplittableRandom(1)).backward(ones(DType.FLOAT64)))
                .hasMessage("Dropout(p=0.5): backward called before forward");
    }
}
