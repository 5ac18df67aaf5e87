package org.backprop4j.conformance;

import org.backprop4j.nn.optim.CosineAnnealingLr;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.StepLr;

/**
 * The learning-rate schedule of a case's training run, {@code train.scheduler}: stepped once after
 * each optimizer step, as {@code scheduler.step()} after {@code optimizer.step()}.
 */
public sealed interface SchedulerSpec {

    /** A new schedule over {@code optimizer}, whose current learning rate is the base rate. */
    LrScheduler create(Optimizer optimizer);

    /** {@code {"type": "step_lr", "step_size": k, "gamma": g}}: {@code torch.optim.lr_scheduler.StepLR}. */
    record StepLrSpec(int stepSize, double gamma) implements SchedulerSpec {
        @Override
        public LrScheduler create(Optimizer optimizer) {
            return new StepLr(optimizer, stepSize, gamma);
        }

        @Override
        public String toString() {
            return "step_lr(step_size " + stepSize + ", gamma " + gamma + ")";
        }
    }

    /**
     * {@code {"type": "cosine_annealing", "t_max": T, "eta_min": m}} ({@code eta_min} defaults to
     * 0): {@code torch.optim.lr_scheduler.CosineAnnealingLR}.
     */
    record CosineAnnealingSpec(int tMax, double etaMin) implements SchedulerSpec {
        @Override
        public LrScheduler create(Optimizer optimizer) {
            return new CosineAnnealingLr(optimizer, tMax, etaMin);
        }

        @Override
        public String toString() {
            return "cosine_annealing(t_max " + tMax + ", eta_min " + etaMin + ")";
        }
    }
}
