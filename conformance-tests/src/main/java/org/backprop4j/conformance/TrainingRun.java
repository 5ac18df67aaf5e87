package org.backprop4j.conformance;

import java.util.Map;

/**
 * The {@code train} part of a case: {@code steps} full-batch steps from the case's parameters,
 * each zeroing the gradients, running forward, loss and backward, and taking one optimizer step.
 *
 * @param optimizer the optimizer and its hyperparameters
 * @param steps     number of steps, {@code >= 1}
 * @param losses    {@code losses[k]}: the loss of step {@code k}, before its update
 * @param params    every parameter after the last step, by {@code state_dict} key
 */
public record TrainingRun(OptimizerSpec optimizer, int steps, double[] losses, Map<String, TensorData> params) {
    public TrainingRun {
        params = Map.copyOf(params);
    }
}
