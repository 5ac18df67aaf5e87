package org.backprop4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/** torch.optim.Adam's update rule on scalar parameters, worked out by hand. */
class AdamTest {
    private final Backend b = TestBackends.naive();

    private Parameter param(double value, double grad) {
        return new Parameter("w", b.fromArray(DType.FLOAT64, Shape.vector(1), value),
                b.fromArray(DType.FLOAT64, Shape.vector(1), grad));
    }

    @Test
    void firstStepMovesByLrTimesTheGradientsSign() {
        // t = 1: m_hat = g, sqrt(v_hat) = |g|, so the step is lr * g / (|g| + eps)
        Parameter p = param(1.0, 0.5);
        new Adam(b, List.of(p), Adam.Config.of(0.01)).step();
        assertThat(b.toDoubleArray(p.value())[0]).isCloseTo(1.0 - 0.01 * 0.5 / (0.5 + 1e-8), within(1e-15));
    }

    @Test
    void secondStepFollowsTheBiasCorrectedMoments() {
        Parameter p = param(1.0, 0.5);
        Adam adam = new Adam(b, List.of(p), new Adam.Config(0.01, 0.9, 0.999, 1e-8, 0, false));
        adam.step();
        b.copyIn(new double[] {-1.0}, p.grad());
        adam.step();
        double m = 0.9 * (0.1 * 0.5) + 0.1 * -1.0;
        double v = 0.999 * (0.001 * 0.25) + 0.001 * 1.0;
        double denom = Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8;
        double expected = 1.0 - 0.01 * 0.5 / (0.5 + 1e-8) - (0.01 / (1 - 0.81)) * m / denom;
        assertThat(b.toDoubleArray(p.value())[0]).isCloseTo(expected, within(1e-15));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        Parameter plain = param(0.0, 4.0);
        Parameter ams = param(0.0, 4.0);
        Adam a = new Adam(b, List.of(plain), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, false));
        Adam m = new Adam(b, List.of(ams), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, true));
        a.step();
        m.step();
        b.copyIn(new double[] {0.01}, plain.grad());
        b.copyIn(new double[] {0.01}, ams.grad());
        a.step();
        m.step();
        assertThat(b.toDoubleArray(plain.value())[0]).isNotEqualTo(b.toDoubleArray(ams.value())[0]);
    }

    @Test
    void weightDecayIsL2OnTheGradient() {
        // g = 0 + 0.5 * 2.0 = 1.0, so the first step is lr * 1 / (1 + eps), as if the gradient were 1
        Parameter p = param(2.0, 0.0);
        new Adam(b, List.of(p), new Adam.Config(0.01, 0.9, 0.999, 1e-8, 0.5, false)).step();
        assertThat(b.toDoubleArray(p.value())[0]).isCloseTo(2.0 - 0.01 / (1 + 1e-8), within(1e-15));
    }

    @Test
    void checksBetas() {
        assertThatThrownBy(() -> new Adam.Config(0.01, 1.0, 0.999, 1e-8, 0, false))
                .hasMessage("Adam betas[0] (1.0) must be in [0, 1)");
    }
}
