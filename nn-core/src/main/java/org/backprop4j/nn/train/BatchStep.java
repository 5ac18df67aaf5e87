package org.backprop4j.nn.train;

/**
 * The work of one batch, the seam between {@link Trainer}'s loop (epochs, shuffles, optimizer and
 * schedule steps, validation, history) and where a batch's gradient is computed. {@link LocalBatchStep}
 * computes it here; a distributed implementation can compute the same batch's gradient elsewhere
 * (shards on other machines, each giving its loss's sum, normaliser and parameter gradients of the
 * sum, added and divided once: see {@link org.backprop4j.nn.loss.Loss}) and put it into the model's
 * parameter gradients, and the same epoch loop, validation and history apply.
 */
public interface BatchStep {

    /**
     * Forward, loss and backward for rows {@code order[from] .. order[from + rows - 1]} of
     * {@code data}: adds dLoss/dParameter of the batch's loss (reduced as the loss says) to every
     * parameter's gradient, which the caller has zeroed. Does not step the optimizer.
     *
     * @param data  the dataset; not modified
     * @param order the row order of the epoch; not modified
     * @return the batch's loss
     */
    BatchLoss gradients(Dataset data, int[] order, int from, int rows);

    /** As {@link #gradients}, but only the loss: no gradient changes (validation and evaluation). */
    BatchLoss loss(Dataset data, int[] order, int from, int rows);

    /**
     * Checks that {@code data} fits the model and the loss: its input width, and its target width
     * (one column of class indices for a loss that takes them, else one per output).
     *
     * @param what names the data in the message, e.g. {@code validation}
     * @throws IllegalArgumentException naming the widths found and expected
     */
    void checkWidths(String what, Dataset data);
}
