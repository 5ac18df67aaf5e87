package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * A loss of a network's output {@code [batch, out]} against a target, and its gradient with
 * respect to the output, exactly as PyTorch 1.13 computes it. Made by {@link LossSpec#create};
 * every loss is built from the backend's ops, so it runs on any backend.
 *
 * <h2>Reductions, and shards</h2>
 * Every loss is a sum of terms over the batch, {@code S = sum_k l_k}, reduced as
 * <pre>
 *   {@link Reduction#SUM}:  L = S
 *   {@link Reduction#MEAN}: L = S / N
 * </pre>
 * where the normaliser {@code N} is the element count {@code batch * out} (mse, l1, huber,
 * bce_with_logits), the batch size (cross_entropy with probability targets; cross_entropy and nll
 * with class indices and no weight), or the sum of the weights of the rows' target classes
 * {@code sum_i w[t_i]} (cross_entropy and nll with class indices and a class {@code weight}), as
 * PyTorch divides. {@link #forward} gives {@code L} and {@link #backward} {@code dL/doutput}.
 *
 * <p>{@link #forwardSum} gives {@code S} whatever the reduction, {@link #backward} then
 * {@code dS/doutput}, and {@link #normaliser} {@code N}. A batch cut into shards {@code s}
 * (computed on several machines, say) then has
 * <pre>
 *   MEAN: L = sum_s S_s / sum_s N_s,   dL/dtheta = (sum_s dS_s/dtheta) / sum_s N_s
 *   SUM:  L = sum_s S_s,               dL/dtheta =  sum_s dS_s/dtheta
 * </pre>
 * so a distributed trainer adds the shards' sums, normalisers and parameter gradients and divides
 * once, and gets exactly the loss and gradient of the whole batch.
 *
 * <p>Special cases, as PyTorch: NaN in the output or target gives a NaN loss; with MEAN and
 * class weights whose sum over the targets is 0, the loss is NaN ({@code 0 / 0}).
 *
 * <p>Buffers: the gradient and every work tensor are owned by the loss, sized to the output and
 * reused, so a warm training step allocates nothing; {@link #backward}'s tensor is overwritten by
 * the next call. Neither the output nor the target is modified. One thread at a time.
 */
public abstract class Loss {
    /** The backend every op runs on. */
    protected final Backend backend;
    private final Reduction reduction;
    private final ReusableTensor gradient;
    private Tensor lastGradient;
    private double sum = Double.NaN;
    private double normaliser = Double.NaN;

    protected Loss(Backend backend, Reduction reduction) {
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
        this.gradient = new ReusableTensor(backend);
    }

    /** The description of this loss, as case and model files write it. */
    public abstract LossSpec spec();

    /** How the terms are reduced. */
    public final Reduction reduction() {
        return reduction;
    }

    /**
     * The loss of {@code output} against {@code target}, reduced as {@link #reduction()} says;
     * makes its gradient ready for {@link #backward()}.
     *
     * @param output the network's output {@code [batch, out]}; not modified
     * @param target a {@link TargetKind} this loss accepts; not modified
     * @throws IllegalArgumentException when the target's shape does not fit the output, or a class
     *                                  index is not an integer in {@code [0, out)}
     */
    public final double forward(Tensor output, Tensor target) {
        checkOutput(output);
        double n = prepare(output, target);
        boolean mean = reduction == Reduction.MEAN;
        sum = compute(output, target, mean ? 1 / n : 1, gradientBuffer(output));
        normaliser = n;
        return mean ? sum / n : sum;
    }

    /**
     * The unreduced sum {@code S} of the terms (see the class comment), whatever the reduction;
     * {@link #backward()} then gives {@code dS/doutput} and {@link #normaliser()} {@code N}.
     * Arguments as for {@link #forward}.
     */
    public final double forwardSum(Tensor output, Tensor target) {
        checkOutput(output);
        double n = prepare(output, target);
        sum = compute(output, target, 1, gradientBuffer(output));
        normaliser = n;
        return sum;
    }

    /**
     * The unreduced sum {@code S} of the last {@link #forward} or {@link #forwardSum} (see the
     * class comment); NaN before the first.
     */
    public final double sum() {
        return sum;
    }

    /**
     * The normaliser {@code N} of the last {@link #forward} or {@link #forwardSum} (see the class
     * comment); NaN before the first.
     */
    public final double normaliser() {
        return normaliser;
    }

    /**
     * The gradient of the last {@link #forward} (of {@code L}) or {@link #forwardSum} (of
     * {@code S}) with respect to the output: a buffer overwritten by the next call.
     *
     * @throws IllegalStateException before the first forward
     */
    public final Tensor backward() {
        if (lastGradient == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        return lastGradient;
    }

    private Tensor gradientBuffer(Tensor output) {
        lastGradient = gradient.like(output);
        return lastGradient;
    }

    private void checkOutput(Tensor output) {
        if (!output.shape().isMatrix()) {
            throw new IllegalArgumentException(name() + ": output is " + output.shape() + "; expected [batch, out]");
        }
    }

    /**
     * Checks {@code target} against {@code output} and gets ready for {@link #compute} (e.g. reads
     * class indices to the host); returns the normaliser {@code N}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    protected abstract double prepare(Tensor output, Tensor target);

    /**
     * Writes {@code gradientScale * dS/doutput} into {@code gradient} (a buffer of the output's
     * shape and dtype, distinct from both arguments) and returns {@code S}, the unreduced sum.
     */
    protected abstract double compute(Tensor output, Tensor target, double gradientScale, Tensor gradient);

    /** The name errors start with, e.g. {@code MseLoss}. */
    protected final String name() {
        return getClass().getSimpleName();
    }

    /**
     * Checks that {@code target} has the output's shape.
     *
     * @throws IllegalArgumentException naming both shapes
     */
    protected final void requireSameShape(Tensor output, Tensor target) {
        if (!target.shape().equals(output.shape())) {
            throw new IllegalArgumentException(name() + ": target is " + target.shape() + "; expected "
                    + output.shape() + ", the shape of the prediction");
        }
    }

    /**
     * For a loss over every element: checks that {@code target} has the output's shape and returns
     * the element count {@code batch * out}, the mean's normaliser.
     *
     * @throws IllegalArgumentException naming both shapes
     */
    protected final double elementwiseNormaliser(Tensor output, Tensor target) {
        requireSameShape(output, target);
        return output.shape().size();
    }

    /**
     * Checks that {@code weights}, when not null, has one element per column of {@code output}.
     *
     * @param what    the weights' name in the message, e.g. {@code pos_weight}
     * @param perWhat what one element stands for, e.g. {@code "one per output column"}
     * @throws IllegalArgumentException naming both lengths
     */
    protected final void requireOnePerColumn(String what, double[] weights, Tensor output, String perWhat) {
        int columns = output.shape().cols();
        if (weights != null && weights.length != columns) {
            throw new IllegalArgumentException(name() + ": " + what + " has " + weights.length + " elements; expected "
                    + columns + ", " + perWhat);
        }
    }

    /** Multiplies {@code gradient} in place by {@code gradientScale}, skipping the op for 1. */
    protected final void scaleGradient(double gradientScale, Tensor gradient) {
        if (gradientScale != 1) {
            backend.scale(gradientScale, gradient, gradient);
        }
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
