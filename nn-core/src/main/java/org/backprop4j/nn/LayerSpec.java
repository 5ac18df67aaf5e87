package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/**
 * A layer as case files and model files describe it, independent of any backend: the layer
 * objects of {@code shared/specs/case-format.md}. This is the one place that knows each layer
 * type: its name in files ({@link #type()}), its parameters with the format's defaults
 * ({@link #parameters()}, {@link #read}) and how to build it ({@link #build}). A new variant must
 * implement all three to compile; {@link #read} is the one dispatch on names, and
 * {@link #typeNames()} the one list of them (activations take theirs from {@link Activation.Kind}).
 *
 * <p>Widths: a {@link Linear} layer fixes its input and output width; every other layer has no
 * parameters and maps {@code [batch, n]} to {@code [batch, n]} for the {@code n} it is given, as
 * in PyTorch (so a network may start with an activation).
 */
public sealed interface LayerSpec {

    /** The type name in files, e.g. {@code linear}, {@code leaky_relu}, {@code dropout}. */
    String type();

    /**
     * The shapes of the layer's parameters by their name inside it ({@code weight} {@code [out, in]},
     * {@code bias} {@code [out]}), in order; empty for a layer without parameters. Worked out from the
     * description alone, so a model file's weights are checked before anything is built
     * ({@link ParameterShapes}).
     */
    default Map<String, int[]> parameterShapes() {
        return Map.of();
    }

    /**
     * The object's fields other than {@code type}, in the order files write them, each default
     * written out: values are {@link Integer}, {@link Boolean}, {@link Double} or {@link String}.
     * None by default.
     */
    default Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }

    /**
     * A new layer of this description on {@code backend} in {@code dtype}. A {@link Linear} layer
     * draws its initial weights from {@code rng}; a {@link Dropout} layer draws the seed of its
     * masks from it; the others do not touch it.
     */
    Layer build(Backend backend, DType dtype, RandomGenerator rng);

    /**
     * The description of type {@code type} with the parameters {@code fields} gives (the format's
     * default for each one absent).
     *
     * @throws SpecFormatException for an unknown type (at {@code type}, listing {@link #typeNames()})
     *                             or a parameter that is missing, mistyped or out of range
     */
    static LayerSpec read(String type, SpecParameters fields) throws SpecFormatException {
        switch (type) {
            case Linear.TYPE:
                return new Linear(fields.positiveInt("in"), fields.positiveInt("out"), fields.bool("bias", true));
            case Softmax.TYPE:
                return new Softmax();
            case LogSoftmax.TYPE:
                return new LogSoftmax();
            case Dropout.TYPE:
                return new Dropout(fields.number("p", p -> p >= 0 && p < 1, "a number in [0, 1)"));
            default:
                for (Activation.Kind kind : Activation.Kind.values()) {
                    if (kind.id().equals(type) && kind != Activation.Kind.GELU_TANH) { // gelu's form is a parameter
                        return new ActivationLayer(ActivationLayer.read(kind, fields));
                    }
                }
                throw fields.invalid("type", "is \"" + type + "\"; expected one of " + String.join(", ", typeNames()));
        }
    }

    /** Every layer type name, in the order of the format's table. */
    static List<String> typeNames() {
        List<String> names = new ArrayList<>();
        names.add(Linear.TYPE);
        for (Activation.Kind kind : Activation.Kind.values()) {
            if (!names.contains(kind.id())) {
                names.add(kind.id());
            }
        }
        names.add(Softmax.TYPE);
        names.add(LogSoftmax.TYPE);
        names.add(Dropout.TYPE);
        return names;
    }

    /** {@code {"type": "linear", "in": I, "out": O, "bias": true}}: {@code torch.nn.Linear(I, O, bias)}; bias defaults to true. */
    record Linear(int in, int out, boolean bias) implements LayerSpec {
        /** The type name. */
        public static final String TYPE = "linear";

        public Linear {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("linear layer in (" + in + ") and out (" + out + ") must be >= 1");
            }
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("in", in);
            p.put("out", out);
            p.put("bias", bias);
            return p;
        }

        @Override
        public Map<String, int[]> parameterShapes() {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            shapes.put("weight", new int[] {out, in});
            if (bias) {
                shapes.put("bias", new int[] {out});
            }
            return shapes;
        }

        @Override
        public Layer build(Backend backend, DType dtype, RandomGenerator rng) {
            return new org.backprop4j.nn.layers.Linear(backend, dtype, in, out, bias, rng);
        }
    }

    /**
     * An elementwise activation layer, {@code {"type": KIND}} with the kind's parameters (see
     * {@link Activation}): {@code leaky_relu} {@code negative_slope} (default 0.01), {@code gelu}
     * {@code approximate} ({@code "none"} or {@code "tanh"}, default {@code "none"}), {@code elu}
     * {@code alpha} (default 1.0), {@code softplus} {@code beta} (default 1.0, {@code > 0}) and
     * {@code threshold} (default 20.0); the others have none.
     */
    record ActivationLayer(Activation function) implements LayerSpec {
        public ActivationLayer {
            Objects.requireNonNull(function, "function");
        }

        public static ActivationLayer of(Activation function) {
            return new ActivationLayer(function);
        }

        @Override
        public String type() {
            return function.kind().id();
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            switch (function.kind()) {
                case LEAKY_RELU -> p.put("negative_slope", function.negativeSlope());
                case GELU -> p.put("approximate", "none");
                case GELU_TANH -> p.put("approximate", "tanh");
                case ELU -> p.put("alpha", function.alpha());
                case SOFTPLUS -> {
                    p.put("beta", function.beta());
                    p.put("threshold", function.threshold());
                }
                case IDENTITY, RELU, SIGMOID, TANH, SILU -> {
                    // no parameters
                }
            }
            return p;
        }

        /** The function of {@code kind} with the parameters {@code fields} gives. */
        static Activation read(Activation.Kind kind, SpecParameters fields) throws SpecFormatException {
            return switch (kind) {
                case LEAKY_RELU -> Activation.leakyRelu(fields.number("negative_slope",
                        Activation.DEFAULT_NEGATIVE_SLOPE, v -> true, "a finite number"));
                case GELU, GELU_TANH -> fields.choice("approximate", "none", List.of("none", "tanh")).equals("tanh")
                        ? Activation.GELU_TANH : Activation.GELU;
                case ELU -> Activation.elu(fields.number("alpha", Activation.DEFAULT_ELU_ALPHA, v -> true,
                        "a finite number"));
                case SOFTPLUS -> Activation.softplus(
                        fields.number("beta", Activation.DEFAULT_SOFTPLUS_BETA, v -> v > 0, "a finite number > 0"),
                        fields.number("threshold", Activation.DEFAULT_SOFTPLUS_THRESHOLD, v -> true, "a finite number"));
                case IDENTITY, RELU, SIGMOID, TANH, SILU -> Activation.of(kind);
            };
        }

        @Override
        public Layer build(Backend backend, DType dtype, RandomGenerator rng) {
            return new org.backprop4j.nn.layers.ActivationLayer(backend, function);
        }
    }

    /** {@code {"type": "softmax"}}: {@code torch.nn.Softmax(dim=1)}. */
    record Softmax() implements LayerSpec {
        /** The type name. */
        public static final String TYPE = "softmax";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Layer build(Backend backend, DType dtype, RandomGenerator rng) {
            return new org.backprop4j.nn.layers.Softmax(backend);
        }
    }

    /** {@code {"type": "log_softmax"}}: {@code torch.nn.LogSoftmax(dim=1)}. */
    record LogSoftmax() implements LayerSpec {
        /** The type name. */
        public static final String TYPE = "log_softmax";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Layer build(Backend backend, DType dtype, RandomGenerator rng) {
            return new org.backprop4j.nn.layers.LogSoftmax(backend);
        }
    }

    /**
     * {@code {"type": "dropout", "p": p}}: {@code torch.nn.Dropout(p)}, {@code 0 <= p < 1}, required
     * (the format states no default). The identity in eval mode.
     */
    record Dropout(double p) implements LayerSpec {
        /** The type name. */
        public static final String TYPE = "dropout";

        /** @throws IllegalArgumentException for {@code p} outside {@code [0, 1)} */
        public Dropout {
            if (!(p >= 0 && p < 1)) { // not "p < 0 || p >= 1": rejects NaN too
                throw new IllegalArgumentException("dropout p (" + p + ") must be in [0, 1)");
            }
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p", p);
            return m;
        }

        @Override
        public Layer build(Backend backend, DType dtype, RandomGenerator rng) {
            return new org.backprop4j.nn.layers.Dropout(backend, p, new SplittableRandom(rng.nextLong()));
        }
    }
}
