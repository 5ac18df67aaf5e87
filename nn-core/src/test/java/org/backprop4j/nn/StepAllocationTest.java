package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.CosineAnnealingLr;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training step reuses its buffers: once warmed up, a step (zero_grad, forward, loss,
 * backward, optimizer step, schedule step) on the reference backend allocates no heap memory in
 * proportion to the number of steps, for every optimizer, every loss and the layers with their own
 * buffers (softmax, log_softmax, dropout in training mode). Measured in bytes with the JVM's
 * per-thread allocation counter, not in time.
 */
class StepAllocationTest {

    private static final int STEPS = 1_000;
    private static final int WARM_UP = 8_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam", "adamw+cosine", "cross_entropy", "nll+log_softmax", "bce_with_logits",
        "huber", "l1", "dropout+softmax"})
    void aWarmStepAllocatesNothing(String setup) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        Backend b = TestBackends.naive();
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Linear(10, 16, true),
                LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(16, 2, true)));
        Tensor y = b.zeros(DType.FLOAT32, Shape.matrix(8, 2));
        b.fill(y, 1.0);
        Loss loss = new MseLoss(b, Reduction.MEAN);
        switch (setup) {
            case "cross_entropy" -> {
                loss = new LossSpec.CrossEntropy(Reduction.MEAN, 0.1, new double[] {1, 2}).create(b);
                y = b.fromArray(DType.FLOAT32, Shape.vector(8), 0, 1, 1, 0, 1, 0, 0, 1);
            }
            case "nll+log_softmax" -> {
                layers.add(new LayerSpec.LogSoftmax());
                loss = new LossSpec.Nll(Reduction.SUM, null).create(b);
                y = b.fromArray(DType.FLOAT32, Shape.vector(8), 0, 1, 1, 0, 1, 0, 0, 1);
            }
            case "bce_with_logits" -> loss = new LossSpec.BceWithLogits(Reduction.MEAN, new double[] {2, 1}).create(b);
            case "huber" -> loss = new LossSpec.Huber(Reduction.MEAN, 0.5).create(b);
            case "l1" -> loss = new LossSpec.L1(Reduction.SUM).create(b);
            case "dropout+softmax" -> {
                layers.add(1, new LayerSpec.Dropout(0.25));
                layers.add(new LayerSpec.Softmax());
            }
            default -> {
                // the MSE
            }
        }
        Sequential net = Sequential.build(b, DType.FLOAT32, layers, 1).train();
        Optimizer opt = switch (setup) {
            case "sgd" -> new Sgd(b, net.parameters(), new Sgd.Config(0.01, 0.9, 0, 0, true));
            case "adamw+cosine" -> new AdamW(b, net.parameters(), AdamW.defaults(0.001));
            default -> new Adam(b, net.parameters(), Adam.Config.of(0.001));
        };
        LrScheduler schedule = setup.equals("adamw+cosine") ? new CosineAnnealingLr(opt, 100, 1e-5) : null;
        Tensor x = b.zeros(DType.FLOAT32, Shape.matrix(8, 10));
        b.fill(x, 0.5);

        for (int i = 0; i < WARM_UP; i++) { // let the JIT compile and scalar-replace the step
            step(net, opt, schedule, loss, x, y);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < STEPS; i++) {
            step(net, opt, schedule, loss, x, y);
        }
        long perStep = (threads.getThreadAllocatedBytes(threadId) - before) / STEPS;
        // a leak of even one small object per step would show as 16 bytes or more
        assertThat(perStep).as("bytes allocated per warm training step").isLessThan(16);
    }

    private static void step(Sequential net, Optimizer opt, LrScheduler schedule, Loss loss, Tensor x, Tensor y) {
        opt.zeroGrad();
        loss.forward(net.forward(x), y);
        net.backward(loss.backward());
        opt.step();
        if (schedule != null) {
            schedule.step();
        }
    }
}
