package org.backprop4j.conformance;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code train} part of a case: {@code steps} full-batch steps from the case's parameters,
 * each zeroing the gradients, running forward, loss and backward, taking one optimizer step, and
 * then one schedule step if there is a schedule.
 *
 * @param optimizer the optimizer and its hyperparameters
 * @param scheduler the learning-rate schedule, if the case has one
 * @param steps     number of steps, {@code >= 1}
 * @param losses    {@code losses[k]}: the loss of step {@code k}, before its update
 * @param params    every parameter after the last step, by {@code state_dict} key
 */
public record TrainingRun(OptimizerSpec optimizer, Optional<SchedulerSpec> scheduler, int steps, double[] losses,
                          Map<String, TensorData> params) {
    public TrainingRun {
        params = Map.copyOf(params);
    }
}
