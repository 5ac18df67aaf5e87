package org.backprop4j.nn;

import org.backprop4j.api.Tensor;

/**
 * A trainable tensor and its gradient, of one shape and dtype on one backend.
 *
 * @param name  the PyTorch {@code state_dict} key: {@code weight} inside a layer,
 *              {@code 0.weight} inside a {@link Sequential}
 * @param value the parameter, updated in place by optimizers
 * @param grad  dLoss/dValue, accumulated by {@link Layer#backward} until zeroed
 */
public record Parameter(String name, Tensor value, Tensor grad) {
    /** The same tensors under {@code prefix + "." + name}. */
    public Parameter prefixed(String prefix) {
        return new Parameter(prefix + "." + name, value, grad);
    }
}
