package org.backprop4j.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.loss.TargetKind;

/**
 * A network with its parameters, one batch and a loss: everything needed to compute an output, a
 * loss and its gradients. Cases, finite differences and cross-backend checks all run these.
 *
 * @param description for messages, e.g. the case's name or {@code linear(3, 2), batch 4, mse(mean)}
 * @param dtype       the precision to evaluate in
 * @param layers      the model, applied in order; layers without parameters take their input's width
 * @param loss        the loss, with its reduction and parameters
 * @param params      every parameter by {@code state_dict} key, in layer order
 * @param input       {@code [batch, in]}
 * @param target      {@code [batch, out]} values or class probabilities, or {@code [batch]} class
 *                    indices for a loss that takes them ({@link #targetKind()})
 * @param training    evaluate the network in training mode: dropout layers draw their masks (the
 *                    same ones on every backend and every run, from the network's build seed); in
 *                    evaluation mode, as case files are, dropout is the identity
 */
public record NetworkProblem(String description, DType dtype, List<LayerSpec> layers, LossSpec loss,
                             Map<String, TensorData> params, TensorData input, TensorData target, boolean training) {
    public NetworkProblem {
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss, "loss");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The network, parameters and batch of a case, in evaluation mode. */
    public static NetworkProblem of(ConformanceCase c) {
        return new NetworkProblem(c.name(), c.dtype(), c.layers(), c.loss(), c.params(), c.input(), c.target(), false);
    }

    /** What the target holds: class indices when it is a vector, else values or (cross_entropy) probabilities. */
    public TargetKind targetKind() {
        return targetKind(loss, target);
    }

    /** What {@code target} holds for {@code loss}. */
    static TargetKind targetKind(LossSpec loss, TensorData target) {
        if (target.shape().isVector()) {
            return TargetKind.CLASS_INDICES;
        }
        return loss.type() == LossSpec.Type.CROSS_ENTROPY ? TargetKind.CLASS_PROBABILITIES : TargetKind.VALUES;
    }

    /** The same problem with other parameters and input (same shapes), e.g. perturbed ones. */
    public NetworkProblem with(Map<String, TensorData> newParams, TensorData newInput) {
        return new NetworkProblem(description, dtype, layers, loss, newParams, newInput, target, training);
    }
}
