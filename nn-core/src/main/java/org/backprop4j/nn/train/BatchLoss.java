package org.backprop4j.nn.train;

import org.backprop4j.nn.loss.Reduction;

/**
 * The loss of one batch, in the parts that add up across batches and shards (see
 * {@link org.backprop4j.nn.loss.Loss}): the unreduced sum {@code S} and the normaliser {@code N}
 * its mean divides by.
 *
 * @param sum        {@code S}, the sum of the loss's terms over the batch
 * @param normaliser {@code N}: the element count, batch size or sum of the target classes' weights
 * @param reduction  how the loss reduces {@code S}
 */
public record BatchLoss(double sum, double normaliser, Reduction reduction) {

    /** The loss as reduced: {@code S / N} for the mean, {@code S} for the sum. */
    public double value() {
        return reduction == Reduction.MEAN ? sum / normaliser : sum;
    }
}
