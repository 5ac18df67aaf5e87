package org.backprop4j.nn.optim;

import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)}, trajectory-exact to
 * PyTorch 1.13: after step {@code t} (from 1), the learning rate is multiplied by {@code gamma}
 * when {@code t} is a multiple of {@code step_size}, and kept otherwise. Like PyTorch's
 * {@code get_lr}, it multiplies the optimizer's current rate (the recursive, chainable form), so
 * the rate after {@code t} steps is {@code lr0} times {@code gamma} {@code floor(t / step_size)}
 * times, each product rounded as Python rounds it.
 */
public final class StepLr extends StepCountingScheduler {
    private final Optimizer optimizer;
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize steps between decays, {@code >= 1}
     * @param gamma    the factor, finite
     * @throws IllegalArgumentException for another {@code stepSize} or {@code gamma}
     */
    public StepLr(Optimizer optimizer, int stepSize, double gamma) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (stepSize < 1) {
            throw new IllegalArgumentException("step_lr step_size (" + stepSize + ") must be >= 1");
        }
        if (!Double.isFinite(gamma)) {
            throw new IllegalArgumentException("step_lr gamma (" + gamma + ") must be finite");
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    void update(int t) {
        if (t % stepSize == 0) {
            optimizer.setLearningRate(optimizer.learningRate() * gamma);
        }
    }
}
