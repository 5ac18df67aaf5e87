package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;

/**
 * Negative log-likelihood, exactly as {@code torch.nn.NLLLoss(weight, reduction)}: the output
 * {@code x [batch, C]} holds log-probabilities (e.g. from a {@code log_softmax} layer), the target
 * class indices {@code t [batch]}, and
 * <pre>
 *   S = -sum_i w[t_i] x_{i, t_i},   dS/dx_ic = -w[t_i] [c == t_i]
 * </pre>
 * ({@code w} the class weights, all 1 without); {@link Reduction#MEAN} divides by
 * {@code N = sum_i w[t_i]} (the batch size without weights), as PyTorch. Computed as
 * {@code -sum_ic A_ic x_ic} with the weighted one-hot matrix {@code A} of the targets, so an output
 * of {@code -Infinity} in a class that is not the target gives NaN here (PyTorch gathers and gives
 * a finite loss); NaN in the output gives NaN.
 */
public final class NllLoss extends Loss {
    private final double[] weight;
    private final ClassTargets classTargets;

    /**
     * @param weight one finite weight per class, or null for none; copied
     * @throws IllegalArgumentException for a weight that is not finite
     */
    public NllLoss(Backend backend, Reduction reduction, double[] weight) {
        super(backend, reduction);
        this.weight = new LossSpec.Nll(reduction, weight).weight(); // checks and copies
        this.classTargets = new ClassTargets(backend, "NllLoss");
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.Nll(reduction(), weight);
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        requireOnePerColumn("weight", weight, output, "one per class (output column)");
        classTargets.read(output, target, weight, 0);
        return classTargets.normaliser();
    }

    @Override
    protected double compute(Tensor output, Tensor target, double gradientScale, Tensor gradient) {
        Tensor a = classTargets.matrix();
        double total = -backend.dot(a, output);
        backend.scale(-gradientScale, a, gradient);
        return total;
    }
}
