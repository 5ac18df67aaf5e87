package org.backprop4j.spark;

import java.io.Serializable;

/**
 * What one partition gives for one batch: how many of the batch's rows it holds, the sum
 * {@code S} of its loss's terms over them, the normaliser {@code N} and, for a training step, the
 * gradient of {@code S} with respect to every parameter (see {@link org.backprop4j.nn.loss.Loss}:
 * shards add their sums, normalisers and gradients, and the driver divides once).
 *
 * @param partition  the partition that computed it
 * @param rows       the batch's rows in the partition, possibly 0
 * @param sum        {@code S} over those rows; 0 when there are none
 * @param normaliser {@code N} over those rows; 0 when there are none
 * @param gradients  {@code dS/dparameter}, one row-major array per parameter in
 *                   {@link org.backprop4j.nn.Sequential#parameters()} order, widened to double; null
 *                   when there are no rows or only the loss was asked for
 */
record ShardResult(int partition, int rows, double sum, double normaliser, double[][] gradients)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A partition that holds none of the batch's rows. */
    static ShardResult empty(int partition) {
        return new ShardResult(partition, 0, 0, 0, null);
    }
}
