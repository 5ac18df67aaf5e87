package org.backprop4j.nn.train;

/**
 * Early stopping on the validation loss, as Keras' {@code EarlyStopping(monitor="val_loss",
 * patience=P, restore_best_weights=True)} and scikit-learn's {@code early_stopping}: after each
 * epoch, a validation loss strictly below the lowest so far makes that epoch the best one;
 * {@code patience} epochs in a row without one stop the run, and the weights of the best epoch are
 * the ones kept ({@link Trainer} keeps a copy of them and puts them back when the run ends, however
 * it ends; Keras 2 put them back only when it stopped early, which leaves the last epoch's weights
 * after a run that used all its epochs).
 *
 * <p>No {@code min_delta}: a smaller improvement still makes an epoch the best, and with the best
 * weights kept, a threshold would only change how long the run waits, not which weights win. A NaN
 * validation loss is never an improvement. Not thread-safe.
 */
public final class EarlyStopping {
    private final int patience;
    private int bestEpoch;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int epochsWithoutImprovement;

    /**
     * The state of a run's early stopping, for a checkpoint.
     *
     * @param bestEpoch                the epoch with the lowest validation loss so far, from 1; 0 before any
     * @param bestLoss                 its validation loss; {@code +Infinity} before any
     * @param epochsWithoutImprovement epochs since the best one
     */
    public record State(int bestEpoch, double bestLoss, int epochsWithoutImprovement) {
        public State {
            if (bestEpoch < 0 || epochsWithoutImprovement < 0) {
                throw new IllegalArgumentException("early stopping best epoch (" + bestEpoch
                        + ") and epochs without improvement (" + epochsWithoutImprovement + ") must be >= 0");
            }
            if (bestEpoch > 0 && !Double.isFinite(bestLoss)) {
                throw new IllegalArgumentException("early stopping best loss (" + bestLoss + ") of epoch " + bestEpoch
                        + " must be finite");
            }
        }
    }

    /**
     * @param patience epochs without improvement before stopping, {@code >= 1}
     * @throws IllegalArgumentException for {@code patience < 1}
     */
    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience (" + patience + ") must be >= 1");
        }
        this.patience = patience;
    }

    public int patience() {
        return patience;
    }

    /**
     * Records the validation loss of {@code epoch}.
     *
     * @return whether it is the new best (strictly below every earlier one)
     */
    public boolean observe(int epoch, double validationLoss) {
        if (validationLoss < bestLoss) { // false for NaN: a NaN loss is no improvement
            bestLoss = validationLoss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    /** Whether {@code patience} epochs in a row have passed without improvement: time to stop. */
    public boolean exhausted() {
        return epochsWithoutImprovement >= patience;
    }

    /** The best epoch so far, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public State state() {
        return new State(bestEpoch, bestLoss, epochsWithoutImprovement);
    }

    /** Continues from {@code state}. */
    public void restore(State state) {
        bestEpoch = state.bestEpoch();
        bestLoss = state.bestEpoch() == 0 ? Double.POSITIVE_INFINITY : state.bestLoss();
        epochsWithoutImprovement = state.epochsWithoutImprovement();
    }
}
