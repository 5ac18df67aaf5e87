package org.backprop4j.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.loss.Reduction;

/**
 * A network with its parameters and one batch: everything needed to compute an output, an MSE
 * loss and its gradients. Cases, finite differences and cross-backend checks all run these.
 *
 * @param description for messages, e.g. the case's name or {@code 3-relu-2 batch 4 mean}
 * @param dtype       the precision to evaluate in
 * @param layers      the model, applied in order; a leading activation takes the input's width
 * @param reduction   the MSE loss's reduction
 * @param params      every parameter by {@code state_dict} key, in layer order
 * @param input       {@code [batch, in]}
 * @param target      {@code [batch, out]}
 */
public record NetworkProblem(String description, DType dtype, List<LayerSpec> layers, Reduction reduction,
                             Map<String, TensorData> params, TensorData input, TensorData target) {
    public NetworkProblem {
        layers = List.copyOf(layers);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The network, parameters and batch of a case. */
    public static NetworkProblem of(ConformanceCase c) {
        return new NetworkProblem(c.name(), c.dtype(), c.layers(), c.reduction(), c.params(), c.input(), c.target());
    }

    /** The same problem with other parameters and input (same shapes), e.g. perturbed ones. */
    public NetworkProblem with(Map<String, TensorData> newParams, TensorData newInput) {
        return new NetworkProblem(description, dtype, layers, reduction, newParams, newInput, target);
    }
}
