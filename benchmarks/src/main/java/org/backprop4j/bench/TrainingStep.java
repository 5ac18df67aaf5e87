package org.backprop4j.bench;

import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Sgd;

/**
 * One training step through {@code nn-core}, as {@link org.backprop4j.nn.train.Trainer} runs it:
 * zero the gradients, forward, MSE (mean), backward to the parameters
 * ({@link Sequential#backwardParameters}: no gradient for the input, which nothing reads, as in
 * PyTorch when the input does not require grad), SGD update. The batch and its targets are fixed,
 * drawn uniformly from {@code [-1, 1)} with a fixed seed, and reused at every step, as are all the
 * buffers.
 */
public final class TrainingStep {
    /** SGD learning rate: small enough that thousands of steps on one batch stay far from overflow. */
    public static final double LEARNING_RATE = 1e-3;

    private final Sequential model;
    private final MseLoss loss;
    private final Sgd sgd;
    private final Tensor input;
    private final Tensor target;

    /** The {@code config} network on {@code backend} in {@code dtype}, weights and data drawn from {@code seed}. */
    public TrainingStep(Backend backend, DType dtype, StepConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] widths = config.widths();
        this.model = Sequential.build(backend, dtype, config.layers(), rng);
        this.loss = new MseLoss(backend, Reduction.MEAN);
        this.sgd = new Sgd(backend, model.parameters(), Sgd.Config.of(LEARNING_RATE));
        this.input = backend.fromArray(dtype, Shape.matrix(config.batch(), widths[0]),
                uniform(rng, config.batch() * widths[0]));
        this.target = backend.fromArray(dtype, Shape.matrix(config.batch(), widths[widths.length - 1]),
                uniform(rng, config.batch() * widths[widths.length - 1]));
    }

    /** {@code n} draws, uniform in {@code [-1, 1)}. */
    static double[] uniform(SplittableRandom rng, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble(-1.0, 1.0);
        }
        return values;
    }

    /** Runs one step and returns the loss before the update. */
    public double run() {
        sgd.zeroGrad();
        double value = loss.forward(model.forward(input), target);
        model.backwardParameters(loss.backward());
        sgd.step();
        return value;
    }

    /** The model, for tests that compare its weights with another implementation's. */
    public Sequential model() {
        return model;
    }
}
