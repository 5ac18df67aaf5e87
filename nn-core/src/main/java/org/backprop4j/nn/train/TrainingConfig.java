package org.backprop4j.nn.train;

/**
 * How long and in what steps to train.
 *
 * @param epochs      passes over the training set, {@code >= 1}
 * @param batchSize   rows per optimizer step, {@code >= 1} (the last batch of an epoch may be smaller)
 * @param shuffleSeed seeds the generator that shuffles the rows of every epoch ({@link MiniBatches})
 */
public record TrainingConfig(int epochs, int batchSize, long shuffleSeed) {
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs (" + epochs + ") must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size (" + batchSize + ") must be >= 1");
        }
    }
}
