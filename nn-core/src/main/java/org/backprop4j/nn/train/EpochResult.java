package org.backprop4j.nn.train;

/**
 * One finished epoch.
 *
 * @param epoch          the epoch, from 1
 * @param epochs         the number of epochs
 * @param trainingLoss   the training loss over every training row, each taken when its batch was
 *                       trained (so it lags the weights the epoch ends with, as in Keras' history);
 *                       see {@link Trainer} for how batches add up
 * @param validationLoss the training loss over the validation rows with the weights the epoch
 *                       ends with, or NaN without a validation set
 * @param samples        training rows seen in the epoch
 * @param nanos          time the epoch took, validation included, in nanoseconds
 */
public record EpochResult(int epoch, int epochs, double trainingLoss, double validationLoss, long samples,
                          long nanos) {
    /** Whether a validation loss was computed. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** Training rows per second over the whole epoch. */
    public double samplesPerSecond() {
        return nanos <= 0 ? 0 : samples * 1e9 / nanos;
    }
}
