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

    /**
     * A copy of everything the following steps depend on besides the parameters' values: the step
     * count, the learning rate and the per-parameter buffers. Saved with the parameters, it lets a
     * run continue exactly ({@link #restore}). Call it between steps; nothing is modified.
     */
    OptimizerState state();

    /**
     * Continues from {@code state}, as if the steps it counts had been taken by this optimizer: an
     * optimizer built with the same hyperparameters over the same parameters (restored too) then
     * takes bitwise the steps the saved one would have. {@code state} is not modified.
     *
     * @throws IllegalArgumentException when {@code state} is another optimizer's, or its buffers do
     *                                  not fit the parameters (naming the buffer and parameter)
     */
    void restore(OptimizerState state);
}
