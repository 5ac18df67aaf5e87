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
}
