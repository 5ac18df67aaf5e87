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
     * An activation layer: {@code {"type": "relu"}}, {@code {"type": "leaky_relu",
     * "negative_slope": s}}, {@code sigmoid}, {@code tanh}, {@code identity}.
     * {@code negativeSlope} is meaningful for {@link Activation#LEAKY_RELU} only (0 otherwise).
     */
    record Act(Activation function, double negativeSlope) implements LayerSpec {
        public Act {
            if (function != Activation.LEAKY_RELU && negativeSlope != 0) {
                throw new IllegalArgumentException("negative_slope (" + negativeSlope + ") applies to leaky_relu only, not "
                        + function);
            }
            if (!Double.isFinite(negativeSlope)) {
                throw new IllegalArgumentException("negative_slope (" + negativeSlope + ") must be finite");
            }
        }

        public static Act of(Activation function) {
            return new Act(function, function == Activation.LEAKY_RELU ? Activation.DEFAULT_NEGATIVE_SLOPE : 0.0);
        }
    }

    /** The file name of the layer type: {@code linear}, {@code relu}, ... */
    default String type() {
        return this instanceof Act a ? a.function().id() : "linear";
    }
}
