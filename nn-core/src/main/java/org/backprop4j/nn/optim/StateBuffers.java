package org.backprop4j.nn.optim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Parameter;

/** Copying an optimizer's per-parameter buffers out of and back into its tensors, checked. */
final class StateBuffers {
    private StateBuffers() {
    }

    /** The values of {@code tensors} (one per parameter, in order) by parameter key. */
    static Map<String, double[]> copyOut(Backend backend, List<Parameter> params, List<Tensor> tensors) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            out.put(params.get(i).name(), backend.toDoubleArray(tensors.get(i)));
        }
        return out;
    }

    /**
     * Checks {@code state} against what an optimizer of {@code type} with {@code expected} buffers
     * over {@code params} holds: the type, the step count, the buffer names and, for each, one
     * tensor of the right size per parameter and no other.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static void check(OptimizerState state, String type, List<String> expected, List<Parameter> params) {
        if (!state.type().equals(type)) {
            throw new IllegalArgumentException("optimizer state is " + state.type() + "'s; expected " + type + "'s");
        }
        Sgd.requireNonNegative("lr", state.learningRate());
        if (!state.buffers().keySet().equals(new LinkedHashSet<>(expected))) {
            throw new IllegalArgumentException(type + " state has buffers " + state.buffers().keySet() + "; expected "
                    + expected);
        }
        for (String name : expected) {
            Map<String, double[]> values = state.buffers().get(name);
            for (String key : values.keySet()) {
                if (params.stream().noneMatch(p -> p.name().equals(key))) {
                    throw new IllegalArgumentException(type + " state " + name + " has parameter '" + key
                            + "', which the optimizer does not update");
                }
            }
            for (Parameter p : params) {
                double[] v = values.get(p.name());
                int size = p.value().shape().size();
                if (v == null || v.length != size) {
                    throw new IllegalArgumentException(type + " state " + name + "." + p.name() + " has "
                            + (v == null ? "no values" : v.length + " values") + "; expected " + size);
                }
            }
        }
    }

    /** Copies the checked {@code values} into {@code tensors}, one per parameter, in order. */
    static void copyIn(Backend backend, List<Parameter> params, Map<String, double[]> values, List<Tensor> tensors) {
        for (int i = 0; i < params.size(); i++) {
            backend.copyIn(values.get(params.get(i).name()), tensors.get(i));
        }
    }
}
