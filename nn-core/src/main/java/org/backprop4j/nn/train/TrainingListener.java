package org.backprop4j.nn.train;

/**
 * Told about training as it goes, e.g. to draw a progress bar. Both methods do nothing by
 * default; they run on the training thread, so a slow listener slows training.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** After every optimizer step. */
    default void onBatch(BatchProgress progress) {
    }

    /** After every epoch, validation included. */
    default void onEpoch(EpochResult result) {
    }
}
