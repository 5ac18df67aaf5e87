package org.backprop4j.nn.train;

/**
 * How long and in what steps to train.
 *
 * @param epochs      passes over the training set, {@code >= 1}
 * @param batchSize   rows per optimizer step, {@code >= 1} (the last batch of an epoch may be smaller)
 * @param shuffleSeed seeds the run's random numbers: every epoch's shuffle ({@link MiniBatches}) and
 *                    the dropout masks of every batch, each derived from it and its position
 *                    ({@link TrainingRandom})
 * @param patience    early stopping ({@link EarlyStopping}): stop after this many epochs without a lower
 *                    validation loss and keep the weights of the best epoch; 0 turns it off. It applies
 *                    only when {@link Trainer#fit} is given validation rows
 */
public record TrainingConfig(int epochs, int batchSize, long shuffleSeed, int patience) {
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs (" + epochs + ") must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size (" + batchSize + ") must be >= 1");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience (" + patience + ") must be >= 0; 0 turns early stopping off");
        }
    }

    /** Without early stopping: every epoch runs and the last epoch's weights are kept. */
    public TrainingConfig(int epochs, int batchSize, long shuffleSeed) {
        this(epochs, batchSize, shuffleSeed, 0);
    }

    /** The same settings with {@code epochs} epochs (a resumed run's new total). */
    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(epochs, batchSize, shuffleSeed, patience);
    }
}
