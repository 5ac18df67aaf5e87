package org.backprop4j.nn.optim;

/**
 * Changes an optimizer's learning rate as training goes, as {@code torch.optim.lr_scheduler}:
 * made over an optimizer (whose learning rate then is the base rate, at step 0), and
 * {@link #step()} called once after each {@code optimizer.step()}.
 */
public interface LrScheduler {
    /** Advances one step and sets the optimizer's learning rate for the next one. */
    void step();

    /** Steps taken so far (PyTorch's {@code last_epoch}). */
    int steps();

    /**
     * Continues after {@code steps} steps, for a run saved and resumed: the next {@link #step()}
     * is step {@code steps + 1}. The rate itself is the optimizer's, restored with its state
     * ({@link Optimizer#restore}); a schedule built over that optimizer with the same settings then
     * sets bitwise the rates the saved one would have.
     *
     * @throws IllegalArgumentException for {@code steps < 0}
     */
    void restore(int steps);
}
