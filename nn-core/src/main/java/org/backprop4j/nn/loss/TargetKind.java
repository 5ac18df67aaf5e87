package org.backprop4j.nn.loss;

/**
 * What a loss's target holds, for an output {@code [batch, out]}. Each loss accepts the kinds
 * {@link org.backprop4j.nn.LossSpec#targetKinds()} lists and tells them apart by shape, as PyTorch does.
 */
public enum TargetKind {
    /** Values to match, {@code [batch, out]} (mse, l1, huber; bce_with_logits with values in [0, 1]). */
    VALUES,
    /**
     * One class index per row, {@code [batch]}: integers {@code 0 <= k < out} stored in a tensor of
     * the output's dtype (cross_entropy, nll).
     */
    CLASS_INDICES,
    /** A distribution over the classes per row, {@code [batch, out]} (cross_entropy). */
    CLASS_PROBABILITIES
}
