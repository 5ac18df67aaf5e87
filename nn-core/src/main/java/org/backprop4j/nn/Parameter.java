package org.backprop4j.nn;

import java.util.List;
import org.backprop4j.api.Backend;
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

    /**
     * Sets every gradient of {@code params} to zero, as {@code zero_grad(set_to_none=False)};
     * the values are not modified.
     */
    public static void zeroGrads(Backend backend, List<Parameter> params) {
        for (int i = 0; i < params.size(); i++) { // indexed: no iterator on every training step
            backend.fill(params.get(i).grad(), 0.0);
        }
    }
}
