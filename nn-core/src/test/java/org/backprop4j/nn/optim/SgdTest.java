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

/** torch.optim.SGD's update rule, step by step on one scalar parameter with a constant gradient. */
class SgdTest {
    private final Backend b = TestBackends.naive();
    private final Parameter p = new Parameter("w", b.fromArray(DType.FLOAT64, Shape.vector(1), 1.0),
            b.fromArray(DType.FLOAT64, Shape.vector(1), 0.5));

    private double[] run(Sgd.Config config, int steps) {
        Sgd sgd = new Sgd(b, List.of(p), config);
        double[] values = new double[steps];
        for (int i = 0; i < steps; i++) {
            sgd.step();
            values[i] = b.toDoubleArray(p.value())[0];
        }
        return values;
    }

    @Test
    void plain() {
        double[] v = run(Sgd.Config.of(0.1), 2);
        assertThat(v[0]).isCloseTo(0.95, within(1e-15));
        assertThat(v[1]).isCloseTo(0.90, within(1e-15));
    }

    @Test
    void momentumStartsFromTheGradientWithoutDampening() {
        // buf1 = g = 0.5; buf2 = 0.9 * 0.5 + (1 - 0.5) * 0.5 = 0.7
        double[] v = run(new Sgd.Config(0.1, 0.9, 0.5, 0, false), 2);
        assertThat(v[0]).isCloseTo(1 - 0.05, within(1e-15));
        assertThat(v[1]).isCloseTo(1 - 0.05 - 0.07, within(1e-15));
    }

    @Test
    void nesterovStepsAlongGradientPlusMomentumTimesBuffer() {
        // step 1: buf = 0.5, d = 0.5 + 0.9 * 0.5 = 0.95
        assertThat(run(new Sgd.Config(0.1, 0.9, 0, 0, true), 1)[0]).isCloseTo(1 - 0.095, within(1e-15));
    }

    @Test
    void weightDecayAddsToTheGradientBeforeMomentum() {
        // d = 0.5 + 0.1 * 1.0 = 0.6
        assertThat(run(new Sgd.Config(0.1, 0, 0, 0.1, false), 1)[0]).isCloseTo(1 - 0.06, within(1e-15));
    }

    @Test
    void zeroGradClearsGradients() {
        new Sgd(b, List.of(p), Sgd.Config.of(0.1)).zeroGrad();
        assertThat(b.toDoubleArray(p.grad())).containsExactly(0.0);
    }

    @Test
    void checksHyperparametersAsPyTorchDoes() {
        assertThatThrownBy(() -> Sgd.Config.of(-0.1)).hasMessage("lr (-0.1) must be a finite number >= 0");
        assertThatThrownBy(() -> new Sgd.Config(0.1, 0, 0, 0, true))
                .hasMessage("SGD nesterov needs momentum > 0 and dampening = 0; found momentum 0.0, dampening 0.0");
        assertThatThrownBy(() -> Sgd.Config.of(Double.NaN)).hasMessageContaining("NaN");
    }
}
