package org.backprop4j.nn.optim;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.Parameter;

/**
 * Adam with decoupled weight decay, PyTorch's exact update rule ({@code torch.optim.AdamW},
 * 1.13): at each step, for each parameter {@code p},
 * <pre>
 *   p = p * (1 - lr * weight_decay)
 *   then the {@link Adam} update of p from its gradient, without the L2 term
 * </pre>
 * The decay shrinks the weights directly instead of passing through the moment estimates, so it
 * is not divided by {@code sqrt(v)} as Adam's L2 term is. {@link Adam.Config#weightDecay()} is the
 * decoupled decay here; PyTorch's default is {@value #DEFAULT_WEIGHT_DECAY} ({@link #defaults}).
 */
public final class AdamW implements Optimizer {
    /** The {@link OptimizerState#type()} of its state. */
    public static final String TYPE = "adamw";
    /** PyTorch's default {@code weight_decay} of {@code torch.optim.AdamW}. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private final Backend backend;
    private final Adam.Config config;
    private final List<Parameter> params;
    private final Adam adam;

    public AdamW(Backend backend, List<Parameter> params, Adam.Config config) {
        this.backend = backend;
        this.config = config;
        this.params = List.copyOf(params);
        this.adam = new Adam(backend, this.params, new Adam.Config(config.lr(), config.beta1(), config.beta2(),
                config.eps(), 0, config.amsgrad()));
    }

    /** PyTorch's defaults with the given learning rate: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static Adam.Config defaults(double lr) {
        return new Adam.Config(lr, 0.9, 0.999, 1e-8, DEFAULT_WEIGHT_DECAY, false);
    }

    /** The hyperparameters it was made with (the learning rate as configured; see {@link #learningRate()}). */
    public Adam.Config config() {
        return config;
    }

    /** Steps taken so far. */
    public int steps() {
        return adam.steps();
    }

    @Override
    public void step() {
        double factor = 1 - adam.learningRate() * config.weightDecay();
        if (factor != 1) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                backend.scale(factor, p.value(), p.value());
            }
        }
        adam.step();
    }

    /** {@inheritDoc} The buffers of {@link Adam#state()}; the decay keeps no state. */
    @Override
    public OptimizerState state() {
        return adam.state(TYPE);
    }

    @Override
    public void restore(OptimizerState state) {
        adam.restore(state, TYPE);
    }

    @Override
    public void zeroGrad() {
        adam.zeroGrad();
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double lr) {
        adam.setLearningRate(lr);
    }
}
