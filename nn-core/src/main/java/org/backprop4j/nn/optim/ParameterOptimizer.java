package org.backprop4j.nn.optim;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.Parameter;

/**
 * What an optimizer over a list of parameters keeps whatever its rule: the backend, the
 * parameters, and the learning rate that {@link #setLearningRate} changes and a schedule drives.
 */
abstract class ParameterOptimizer implements Optimizer {
    final Backend backend;
    final List<Parameter> params;
    /** The rate of the next step; set unchecked only by {@code restore}, from a checked state. */
    double lr;

    /** {@code params} is copied; {@code lr} is the configured rate, already checked. */
    ParameterOptimizer(Backend backend, List<Parameter> params, double lr) {
        this.backend = backend;
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        Sgd.requireNonNegative("lr", lr);
        this.lr = lr;
    }

    @Override
    public final void zeroGrad() {
        Parameter.zeroGrads(backend, params);
    }
}
