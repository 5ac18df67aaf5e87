package org.backprop4j.nn.train;

/**
 * Rows a {@link Trainer} trains on, and the work of one batch of them, for rows that are not a
 * {@link Dataset} in this JVM: partitions on a cluster, say. It is what a {@link BatchStep} and a
 * {@link Dataset} are together ({@link Trainer#fit(Dataset, Dataset, TrainingListener)} pairs them
 * this way), so the same epoch loop, shuffles, optimizer and schedule steps, validation, listeners
 * and history apply to rows held anywhere.
 *
 * <p>Rows are numbered {@code 0 .. size()-1}; an epoch's {@code order} is a permutation of those
 * numbers ({@link MiniBatches}), and a batch is {@code order[from] .. order[from + rows - 1]}.
 * Implementations check widths when they are made, since they hold the rows.
 */
public interface TrainingRows {

    /** The number of rows, at least 1. */
    int size();

    /**
     * Forward, loss and backward for the rows {@code order[from] .. order[from + rows - 1]}: adds
     * dLoss/dParameter of the batch's loss (reduced as the loss says) to every parameter's gradient
     * of the trained model, which the caller has zeroed. Does not step the optimizer. As
     * {@link BatchStep#gradients}.
     *
     * @param order the row order of the epoch; not modified
     * @return the batch's loss
     */
    BatchLoss gradients(int[] order, int from, int rows);

    /** As {@link #gradients}, but only the loss: no gradient changes (validation and evaluation). */
    BatchLoss loss(int[] order, int from, int rows);
}
