package org.backprop4j.nn.optim;

import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min)}, trajectory-exact
 * to PyTorch 1.13, whose {@code get_lr} is the recursive form, not the closed form
 * {@code eta_min + (lr0 - eta_min)(1 + cos(pi t / T_max)) / 2} (the two drift apart by rounding,
 * and differ outright once something else changes the rate). After step {@code t} (from 1), with
 * {@code lr} the optimizer's current rate and {@code lr0} the base rate (the rate when the
 * scheduler was made):
 * <pre>
 *   if (t - 1 - T_max) mod 2 T_max == 0:   lr + (lr0 - eta_min) (1 - cos(pi / T_max)) / 2
 *   otherwise:  (1 + cos(pi t / T_max)) / (1 + cos(pi (t - 1) / T_max)) (lr - eta_min) + eta_min
 * </pre>
 * ({@code mod} as Python's {@code %}, never negative), each expression evaluated in the order
 * PyTorch writes it, with {@link StrictMath#cos} (fdlibm, within one unit in the last place of
 * the C library's {@code cos} that Python calls).
 */
public final class CosineAnnealingLr extends StepCountingScheduler {
    private final Optimizer optimizer;
    private final int tMax;
    private final double etaMin;
    private final double baseLr;

    /**
     * @param tMax   steps of a half period, {@code >= 1}
     * @param etaMin the smallest rate, finite
     * @throws IllegalArgumentException for another {@code tMax} or {@code etaMin}
     */
    public CosineAnnealingLr(Optimizer optimizer, int tMax, double etaMin) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (tMax < 1) {
            throw new IllegalArgumentException("cosine_annealing t_max (" + tMax + ") must be >= 1");
        }
        if (!Double.isFinite(etaMin)) {
            throw new IllegalArgumentException("cosine_annealing eta_min (" + etaMin + ") must be finite");
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLr = optimizer.learningRate();
    }

    @Override
    void update(int t) {
        double lr = optimizer.learningRate();
        double next;
        if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
            next = lr + (baseLr - etaMin) * (1 - StrictMath.cos(Math.PI / tMax)) / 2;
        } else {
            next = (1 + StrictMath.cos(Math.PI * t / tMax)) / (1 + StrictMath.cos(Math.PI * (t - 1) / tMax))
                    * (lr - etaMin) + etaMin;
        }
        optimizer.setLearningRate(next);
    }
}
