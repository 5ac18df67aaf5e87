package org.backprop4j.nn.optim;

/**
 * Updates parameters in place from their accumulated gradients, through the backend's ops.
 * Optimizers hold per-parameter state (momentum buffers, moment estimates) allocated once.
 */
public interface Optimizer {
    /** One update of every parameter from its current gradient. */
    void step();

    /** Sets every parameter's gradient to zero. */
    void zeroGrad();

    /** The learning rate the next {@link #step()} uses: the configured one until {@link #setLearningRate}. */
    double learningRate();

    /**
     * Sets the learning rate of the following steps (what a schedule does, as PyTorch's
     * {@code param_group["lr"] = ...}); the rest of the state is kept.
     *
     * @throws IllegalArgumentException for a rate that is not a finite number {@code >= 0}
     */
    void setLearningRate(double lr);
}
