package org.backprop4j.conformance;

import java.util.Map;

/**
 * The {@code expected} part of a case: what PyTorch computed from the case's parameters.
 *
 * @param output the model's output, {@code [batch, out]}
 * @param loss   the loss
 * @param grads  dLoss/dx for {@code "input"} and for every parameter key
 */
public record ExpectedResults(TensorData output, double loss, Map<String, TensorData> grads) {
    public ExpectedResults {
        grads = Map.copyOf(grads);
    }
}
