package org.backprop4j.nn.train;

import java.util.List;
import java.util.Objects;

/**
 * The epochs of one training run, in order, which weights it kept and why it stopped.
 *
 * @param epochs     one result per finished epoch; empty only for a run interrupted in its first epoch
 * @param keptEpoch  the epoch whose weights the model holds after the run: the best epoch under early
 *                   stopping, else the last finished one; 0 when the model holds the weights it had when
 *                   interrupted within an epoch (no epoch to keep finished before, or none with a validation
 *                   loss under early stopping)
 * @param stopReason why the run stopped
 */
public record History(List<EpochResult> epochs, int keptEpoch, StopReason stopReason) {
    public History {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(stopReason, "stopReason");
        if (epochs.isEmpty() && stopReason != StopReason.INTERRUPTED) {
            throw new IllegalArgumentException("history has no epochs and stopped: " + stopReason.description()
                    + "; only an interrupted run has none");
        }
        if (keptEpoch < 0 || keptEpoch > epochs.size()) {
            throw new IllegalArgumentException("kept epoch (" + keptEpoch + ") must be in [0, " + epochs.size() + "]");
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

    /**
     * The last finished epoch.
     *
     * @throws IllegalStateException for a run interrupted in its first epoch
     */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("the run was interrupted before its first epoch finished");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The kept epoch's result, or null when {@link #keptEpoch()} is 0. */
    public EpochResult kept() {
        return keptEpoch == 0 ? null : epochs.get(keptEpoch - 1);
    }

    /** Total time of all epochs, in nanoseconds. */
    public long nanos() {
        return epochs.stream().mapToLong(EpochResult::nanos).sum();
    }
}
