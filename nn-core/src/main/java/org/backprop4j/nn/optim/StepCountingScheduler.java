package org.backprop4j.nn.optim;

/**
 * The step count every schedule keeps, and restoring it: a subclass writes only what the rate
 * becomes after step {@code t}.
 */
abstract class StepCountingScheduler implements LrScheduler {
    private int steps;

    /** Sets the optimizer's learning rate after step {@code t} (from 1) for the next one. */
    abstract void update(int t);

    @Override
    public final void step() {
        steps++;
        update(steps);
    }

    @Override
    public final int steps() {
        return steps;
    }

    @Override
    public final void restore(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("schedule steps (" + steps + ") must be >= 0");
        }
        this.steps = steps;
    }
}
