package org.backprop4j.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer's following steps depend on besides the parameters' values: enough to save a
 * run and continue it exactly ({@link Optimizer#state()}, {@link Optimizer#restore}). The buffers
 * are named as PyTorch's {@code optimizer.state_dict()} names them ({@code exp_avg},
 * {@code exp_avg_sq}, {@code max_exp_avg_sq}, {@code momentum_buffer}), each one tensor per
 * parameter, by the parameter's {@code state_dict} key. Values are row-major copies widened to
 * double, so a float32 buffer comes back bit for bit.
 *
 * @param type         the optimizer: {@code adam}, {@code adamw} or {@code sgd}
 * @param steps        optimizer steps taken, {@code >= 0}
 * @param learningRate the rate of the next step (a schedule may have changed it)
 * @param buffers      buffer name to parameter key to values; copied, and the copy is unmodifiable
 */
public record OptimizerState(String type, long steps, double learningRate, Map<String, Map<String, double[]>> buffers) {
    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer steps (" + steps + ") must be >= 0");
        }
        Map<String, Map<String, double[]>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> buffer : buffers.entrySet()) {
            Map<String, double[]> values = new LinkedHashMap<>();
            buffer.getValue().forEach((key, v) -> values.put(key, v.clone()));
            copy.put(buffer.getKey(), Collections.unmodifiableMap(values));
        }
        buffers = Collections.unmodifiableMap(copy);
    }
}
