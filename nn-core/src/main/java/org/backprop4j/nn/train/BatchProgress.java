package org.backprop4j.nn.train;

/**
 * What {@link TrainingListener#onBatch} is told after each optimizer step.
 *
 * @param epoch      the current epoch, from 1
 * @param epochs     the number of epochs
 * @param batch      the batch just trained, from 1
 * @param batches    batches per epoch
 * @param loss       this batch's loss (as the loss reduces it), before the step's update
 * @param epochLoss  the loss over this epoch's batches so far (see {@link Trainer})
 * @param samples    rows trained so far in this epoch
 * @param nanos      time since the epoch began, in nanoseconds
 */
public record BatchProgress(int epoch, int epochs, int batch, int batches, double loss, double epochLoss,
                            long samples, long nanos) {
    /** Training throughput of this epoch so far, in rows per second (0 before any time has passed). */
    public double samplesPerSecond() {
        return nanos <= 0 ? 0 : samples * 1e9 / nanos;
    }
}
