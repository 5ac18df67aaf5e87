package org.backprop4j.nn;

import org.backprop4j.api.Activation;

/**
 * A layer as case files and model files describe it, independent of any backend: the layer
 * objects of {@code shared/specs/case-format.md}.
 */
public sealed interface LayerSpec {

    /** {@code {"type": "linear", "in": I, "out": O, "bias": true}}: {@code torch.nn.Linear(I, O, bias)}. */
    record Linear(int in, int out, boolean bias) implements LayerSpec {
        public Linear {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("linear layer in (" + in + ") and out (" + out + ") must be >= 1");
            }
        }
    }

    /**
     * An elementwise activation layer: {@code {"type": "relu"}}, {@code {"type": "leaky_relu",
     * "negative_slope": s}}, ... (see {@link Activation}).
     */
    record Act(Activation function) implements LayerSpec {
        public Act {
            java.util.Objects.requireNonNull(function, "function");
        }

        public static Act of(Activation function) {
            return new Act(function);
        }
    }

    /** The file name of the layer type: {@code linear}, {@code relu}, ... */
    default String type() {
        return this instanceof Act a ? a.function().kind().id() : "linear";
    }
}
