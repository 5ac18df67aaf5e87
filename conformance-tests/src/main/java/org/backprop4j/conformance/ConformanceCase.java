package org.backprop4j.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;

/**
 * One conformance case, as read from a file in the case format ({@code backprop4j.case/1}): a
 * network, one batch of data, and what PyTorch computed for it. {@link CaseReader} makes these
 * and checks every rule of the format, so a {@code ConformanceCase} is always consistent: the
 * layers chain, the parameters are exactly the model's, and every tensor has the shape its role
 * requires.
 *
 * @param origin    where it was read from, for messages (a file path or a resource name)
 * @param name      the case's name, unique within a run
 * @param source    the producer's free-text note, or null
 * @param dtype     the precision the network is evaluated in; every element is rounded to it
 * @param layers    the model, applied in order as {@code torch.nn.Sequential}
 * @param loss      the loss, with its reduction and parameters (class weights rounded to the dtype)
 * @param params    every parameter, by {@code state_dict} key ({@code "0.weight"}), in layer order
 * @param input     {@code [batch, in]}
 * @param target    {@code [batch, out]}, or {@code [batch]} class indices for cross_entropy and nll
 * @param expected  output, loss and gradients computed from {@code params}
 * @param train     the training run, if the case has one
 * @param tolerance the case's own tolerance, if it names one
 */
public record ConformanceCase(String origin, String name, String source, DType dtype, List<LayerSpec> layers,
                              LossSpec loss, Map<String, TensorData> params, TensorData input, TensorData target,
                              ExpectedResults expected, Optional<TrainingRun> train, Optional<Tolerance> tolerance) {
    public ConformanceCase {
        layers = List.copyOf(layers);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The tolerance results are compared with: the case's own, else the default for its dtype. */
    public Tolerance effectiveTolerance() {
        return tolerance.orElse(Tolerance.forDType(dtype));
    }
}
