package org.backprop4j.nn.train;

import java.util.List;

/**
 * The epochs of one training run, in order.
 *
 * @param epochs one result per epoch, at least one
 */
public record History(List<EpochResult> epochs) {
    public History {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("history has no epochs; expected at least one");
        }
    }

    /** The training loss of every epoch. */
    public double[] trainingLosses() {
        return epochs.stream().mapToDouble(EpochResult::trainingLoss).toArray();
    }

    /** The validation loss of every epoch (NaN where there was no validation set). */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
    }

    /** The last epoch. */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Total time of all epochs, in nanoseconds. */
    public long nanos() {
        return epochs.stream().mapToLong(EpochResult::nanos).sum();
    }
}
