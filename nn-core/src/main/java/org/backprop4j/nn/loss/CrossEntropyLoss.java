package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Cross-entropy of logits, exactly as {@code torch.nn.CrossEntropyLoss(weight, reduction,
 * label_smoothing)}. The output {@code x [batch, C]} holds logits; their log-probabilities come
 * through the log-sum-exp, so logits of ±1e4 (or more) give finite, correct losses and gradients:
 * <pre>
 *   m_i = max_c x_ic,   lse_i = m_i + log sum_c exp(x_ic - m_i),   logp_ic = x_ic - lse_i
 *   S = -sum_ic A_ic logp_ic,   dS/dx_ic = softmax_ic r_i - A_ic,   r_i = sum_c A_ic
 * </pre>
 * where the coefficients {@code A} come from the target:
 * <ul>
 *   <li>class indices {@code t [batch]}: {@code A_ic = (1 - s) w[t_i] [c == t_i] + (s / C) w_c}
 *       ({@code w} the class weights, all 1 without; {@code s} the label smoothing); for
 *       {@link Reduction#MEAN} PyTorch divides by {@code N = sum_i w[t_i]} (the batch size without
 *       weights), the smoothing term included;</li>
 *   <li>class probabilities {@code p [batch, C]}: {@code A = (1 - s) p + s / C}, {@code N} the batch
 *       size; no class weights (the case format's rule: give class indices to weight classes).</li>
 * </ul>
 * Special cases: a row of logits that are all {@code -Infinity}, or one holding {@code +Infinity}
 * or NaN, gives NaN, as PyTorch. A logit of {@code -Infinity} in a class whose coefficient is 0
 * also gives NaN here ({@code 0 * -Infinity}), where PyTorch, which gathers the target's
 * log-probability, gives a finite loss.
 */
public final class CrossEntropyLoss extends Loss {
    private final double labelSmoothing;
    private final double[] weight;
    private final ClassTargets classTargets;
    private final ReusableTensor probabilityCoefficients;
    private final ReusableTensor logProbabilities;
    private final ReusableTensor rowMax;
    private final ReusableTensor rowSum;
    private final ReusableTensor rowLogSum;
    private final ReusableTensor rowCoefficients;
    private boolean classIndices;

    /**
     * @param labelSmoothing in {@code [0, 1]}
     * @param weight         one weight per class, finite, or null for none; copied
     * @throws IllegalArgumentException for a smoothing outside {@code [0, 1]} or a weight that is not finite
     */
    public CrossEntropyLoss(Backend backend, Reduction reduction, double labelSmoothing, double[] weight) {
        super(backend, reduction);
        LossSpec.CrossEntropy spec = new LossSpec.CrossEntropy(reduction, labelSmoothing, weight); // checks
        this.labelSmoothing = spec.labelSmoothing();
        this.weight = spec.weight();
        this.classTargets = new ClassTargets(backend, "CrossEntropyLoss");
        this.probabilityCoefficients = new ReusableTensor(backend);
        this.logProbabilities = new ReusableTensor(backend);
        this.rowMax = new ReusableTensor(backend);
        this.rowSum = new ReusableTensor(backend);
        this.rowLogSum = new ReusableTensor(backend);
        this.rowCoefficients = new ReusableTensor(backend);
    }

    @Override
    public LossSpec spec() {
        return new LossSpec.CrossEntropy(reduction(), labelSmoothing, weight);
    }

    @Override
    protected double prepare(Tensor output, Tensor target) {
        requireOnePerColumn("weight", weight, output, "one per class (output column)");
        classIndices = target.shape().isVector();
        if (classIndices) {
            classTargets.read(output, target, weight, labelSmoothing);
            return classTargets.normaliser();
        }
        requireSameShape(output, target);
        if (weight != null) {
            throw new IllegalArgumentException(name() + ": class-probability target " + target.shape()
                    + " with a class weight; expected class indices [" + output.shape().rows()
                    + "] to weight classes, or no weight");
        }
        return output.shape().rows();
    }

    @Override
    protected double compute(Tensor x, Tensor target, double gradientScale, Tensor gradient) {
        Tensor a;
        if (classIndices) {
            a = classTargets.matrix();
        } else {
            a = probabilityCoefficients.like(x);
            backend.scale(1 - labelSmoothing, target, a);
            if (labelSmoothing != 0) {
                backend.addScalar(a, labelSmoothing / x.shape().cols(), a);
            }
        }
        Tensor logp = logProbabilities.like(x);
        Tensor max = rowMax.perRow(x);
        Tensor sum = rowSum.perRow(x);
        Tensor logSum = rowLogSum.perRow(x);
        backend.rowReduce(ReduceOp.MAX, x, max);
        backend.rowBroadcast(BinaryOp.SUB, x, max, logp);         // x - m
        backend.unary(UnaryOp.EXP, logp, gradient);                 // exp(x - m), at most 1
        backend.rowReduce(ReduceOp.SUM, gradient, sum);
        backend.unary(UnaryOp.LOG, sum, logSum);
        backend.rowBroadcast(BinaryOp.SUB, logp, logSum, logp);    // x - lse
        double total = -backend.dot(a, logp);
        Tensor r = rowCoefficients.perRow(x);
        backend.rowReduce(ReduceOp.SUM, a, r);
        backend.rowBroadcast(BinaryOp.DIV, gradient, sum, gradient); // softmax
        backend.rowBroadcast(BinaryOp.MUL, gradient, r, gradient);
        backend.binary(BinaryOp.SUB, gradient, a, gradient);
        scaleGradient(gradientScale, gradient);
        return total;
    }
}
