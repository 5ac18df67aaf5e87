package org.backprop4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * AdamW and the schedules against PyTorch 1.13, value for value (printed by {@code torch.optim} in
 * float64 with {@code repr}): the learning rate after every step, and AdamW's parameters.
 */
class SchedulesAndAdamWTest {
    private final Backend b = TestBackends.naive();

    private Parameter param(double... values) {
        return new Parameter("w", b.fromArray(DType.FLOAT64, Shape.vector(values.length), values),
                b.zeros(DType.FLOAT64, Shape.vector(values.length)));
    }

    private double[] rates(Optimizer opt, LrScheduler schedule, int steps) {
        double[] lr = new double[steps];
        for (int i = 0; i < steps; i++) {
            opt.step();
            schedule.step();
            lr[i] = opt.learningRate();
        }
        return lr;
    }

    @Test
    void cosineAnnealingFollowsPyTorchsRecursiveFormBitForBit() {
        Sgd sgd = new Sgd(b, List.of(param(0)), Sgd.Config.of(0.1));
        // torch.optim.lr_scheduler.CosineAnnealingLR(SGD(lr=0.1), T_max=3, eta_min=0.001), 10 steps
        double[] torch = {0.07525000000000001, 0.025750000000000016, 0.001, 0.025749999999999995, 0.07525000000000005,
            0.10000000000000006, 0.07525000000000007, 0.025750000000000054, 0.001, 0.025749999999999995};
        assertThat(rates(sgd, new CosineAnnealingLr(sgd, 3, 0.001), 10)).containsExactly(torch);
        // the closed form differs in the last bits (0.025750000000000012 at step 2): PyTorch is recursive
        double closed = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * 2 / 3)) / 2;
        assertThat(closed).isNotEqualTo(torch[1]);
    }

    @Test
    void stepLrMultipliesTheCurrentRateEveryStepSizeSteps() {
        Adam adam = new Adam(b, List.of(param(0)), Adam.Config.of(0.3));
        // torch.optim.lr_scheduler.StepLR(step_size=2, gamma=0.1), 7 steps
        assertThat(rates(adam, new StepLr(adam, 2, 0.1), 7))
                .containsExactly(0.3, 0.03, 0.03, 0.003, 0.003, 0.00030000000000000003, 0.00030000000000000003);
    }

    @Test
    void schedulesCheckTheirParameters() {
        Sgd sgd = new Sgd(b, List.of(param(0)), Sgd.Config.of(0.1));
        assertThatThrownBy(() -> new StepLr(sgd, 0, 0.5)).hasMessage("step_lr step_size (0) must be >= 1");
        assertThatThrownBy(() -> new CosineAnnealingLr(sgd, 0, 0)).hasMessage("cosine_annealing t_max (0) must be >= 1");
        assertThatThrownBy(() -> sgd.setLearningRate(-1)).hasMessage("lr (-1.0) must be a finite number >= 0");
    }

    @Test
    void adamWDecaysTheWeightsBeforeTheAdamStepAsPyTorch() {
        Parameter p = param(1.0, -2.0);
        AdamW opt = new AdamW(b, List.of(p), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.5, false));
        for (double[] g : new double[][] {{0.5, -1.0}, {0.25, 2.0}}) {
            b.copyIn(g, p.grad());
            opt.step();
        }
        // torch.optim.AdamW([p], lr=0.1, weight_decay=0.5), the same two gradients
        assertThat(b.toDoubleArray(p.value())).containsExactly(0.7142820403774623, -1.7466103534220747);
        assertThat(opt.steps()).isEqualTo(2);
    }

    @Test
    void adamWithL2DecayIsNotAdamW() {
        Parameter l2 = param(1.0);
        Parameter decoupled = param(1.0);
        Adam.Config config = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.5, false);
        Adam adam = new Adam(b, List.of(l2), config);
        AdamW adamW = new AdamW(b, List.of(decoupled), config);
        b.fill(l2.grad(), 0.5);
        b.fill(decoupled.grad(), 0.5);
        adam.step();
        adamW.step();
        // Adam: g = 0.5 + 0.5 * 1 = 1, step lr * sign; AdamW: p * (1 - 0.05), then lr * sign(0.5)
        assertThat(b.toDoubleArray(l2.value())[0]).isEqualTo(1.0 - 0.1 * 1 / (1 + 1e-8));
        assertThat(b.toDoubleArray(decoupled.value())[0]).isEqualTo(0.95 - 0.1 * 0.5 / (0.5 + 1e-8));
    }

    @Test
    void adamAllocatesNoWeightDecayBufferWithoutWeightDecay() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        int n = 1 << 20; // 8 MiB per float64 tensor
        Parameter p = new Parameter("w", b.zeros(DType.FLOAT64, Shape.vector(n)), b.zeros(DType.FLOAT64, Shape.vector(n)));
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        new Adam(b, List.of(p), Adam.Config.of(0.1));
        long without = threads.getThreadAllocatedBytes(id) - before;
        before = threads.getThreadAllocatedBytes(id);
        new Adam(b, List.of(p), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01, false));
        long with = threads.getThreadAllocatedBytes(id) - before;
        assertThat(with - without).as("bytes of the weight-decay buffer").isBetween(8L * n, 8L * n + 4096);
        assertThat(without).as("m, v, the denominator and a scratch tensor").isLessThan(4 * 8L * n + 4096);
    }
}
