package org.backprop4j.nn.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.optim.OptimizerState;

/**
 * Everything a {@link Trainer}'s following steps depend on besides its configuration, data, loss
 * and network layout: what a checkpoint saves ({@link Trainer#state()}) so that the run continues
 * exactly from it ({@link Trainer#restore}). The random numbers need no state of their own: they
 * are functions of the seed and the position ({@link TrainingRandom}). Arrays are copied in and
 * the maps are unmodifiable.
 *
 * @param position       where the run is
 * @param weights        the network's current parameters by {@code state_dict} key (not the kept ones)
 * @param optimizer      the optimizer's step count, learning rate and buffers
 * @param schedulerSteps the learning-rate schedule's steps, or -1 for a run without one
 * @param earlyStopping  the early-stopping state, or null for a run without early stopping
 * @param bestWeights    the parameters of the best epoch so far, or null when early stopping has none
 * @param history        every finished epoch
 * @param stopReason     why the run stopped, or null for a run still going (a periodic checkpoint)
 */
public record TrainingState(Position position, Map<String, double[]> weights, OptimizerState optimizer,
                            int schedulerSteps, EarlyStopping.State earlyStopping, Map<String, double[]> bestWeights,
                            List<EpochResult> history, StopReason stopReason) {

    /**
     * A point between two batches.
     *
     * @param epoch   finished epochs
     * @param batch   batches of the next epoch already trained (0 at an epoch's boundary)
     * @param partial the loss of those batches, from their sums and normalisers (zero when {@code batch} is 0)
     * @param samples rows those batches held
     */
    public record Position(int epoch, int batch, BatchLoss partial, long samples) {
        public Position {
            if (epoch < 0 || batch < 0 || samples < 0) {
                throw new IllegalArgumentException("training position epoch " + epoch + ", batch " + batch
                        + ", samples " + samples + ": each must be >= 0");
            }
        }
    }

    public TrainingState {
        weights = copy(weights);
        bestWeights = bestWeights == null ? null : copy(bestWeights);
        history = List.copyOf(history);
        if (history.size() != position.epoch()) {
            throw new IllegalArgumentException("training state at epoch " + position.epoch() + " has "
                    + history.size() + " epochs of history; expected one per finished epoch");
        }
        if (earlyStopping != null && earlyStopping.bestEpoch() > position.epoch()) {
            throw new IllegalArgumentException("early stopping's best epoch " + earlyStopping.bestEpoch()
                    + " is after epoch " + position.epoch() + ", where the run is");
        }
        if ((bestWeights != null) != (earlyStopping != null && earlyStopping.bestEpoch() > 0)) {
            throw new IllegalArgumentException("training state has " + (bestWeights == null ? "no " : "")
                    + "best weights and early stopping " + (earlyStopping == null ? "off"
                    : "at best epoch " + earlyStopping.bestEpoch()) + "; expected best weights exactly when there is "
                    + "a best epoch");
        }
    }

    private static Map<String, double[]> copy(Map<String, double[]> values) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }
}
