package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training step reuses its buffers: once warmed up, a step (zero_grad, forward, loss,
 * backward, optimizer step) on the reference backend allocates no heap memory in proportion to
 * the number of steps. Measured in bytes with the JVM's per-thread allocation counter, not in time.
 */
class StepAllocationTest {

    private static final int STEPS = 2_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void aWarmStepAllocatesNothing(String optimizerName) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        Backend b = TestBackends.naive();
        Sequential net = Sequential.build(b, DType.FLOAT32, List.of(new LayerSpec.Linear(10, 16, true),
                LayerSpec.Act.of(Activation.TANH), new LayerSpec.Linear(16, 2, true)), 1);
        Optimizer opt = optimizerName.equals("sgd")
                ? new Sgd(b, net.parameters(), new Sgd.Config(0.01, 0.9, 0, 0, true))
                : new Adam(b, net.parameters(), Adam.Config.of(0.001));
        MseLoss loss = new MseLoss(b, Reduction.MEAN);
        Tensor x = b.zeros(DType.FLOAT32, Shape.matrix(8, 10));
        Tensor y = b.zeros(DType.FLOAT32, Shape.matrix(8, 2));
        b.fill(x, 0.5);
        b.fill(y, 1.0);

        for (int i = 0; i < 20_000; i++) { // let the JIT compile and scalar-replace the step
            step(net, opt, loss, x, y);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < STEPS; i++) {
            step(net, opt, loss, x, y);
        }
        long perStep = (threads.getThreadAllocatedBytes(threadId) - before) / STEPS;
        // a leak of even one small object per step would show as 16 bytes or more
        assertThat(perStep).as("bytes allocated per warm training step").isLessThan(16);
    }

    private static void step(Sequential net, Optimizer opt, MseLoss loss, Tensor x, Tensor y) {
        opt.zeroGrad();
        loss.forward(net.forward(x), y);
        net.backward(loss.backward());
        opt.step();
    }
}
