package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.loss.BceWithLogitsLoss;
import org.backprop4j.nn.loss.CrossEntropyLoss;
import org.backprop4j.nn.loss.HuberLoss;
import org.backprop4j.nn.loss.L1Loss;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.NllLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.loss.TargetKind;

/**
 * A loss as case files and model files describe it ({@code shared/specs/case-format.md}),
 * independent of any backend; beside {@link LayerSpec}, the one place that knows each loss: its
 * name ({@link Type}), its parameters with the format's defaults ({@link #parameters()},
 * {@link #read}), the targets it takes ({@link #targetKinds()}) and how to make it ({@link #create}).
 * Every loss object has {@code "reduction": "mean" | "sum"}, required.
 *
 * <p>Class weights and positive weights are vectors of one finite number per output column,
 * copied in and out (the records compare them by value).
 */
public sealed interface LossSpec {

    /** The loss types and their names in files. */
    enum Type {
        /** {@link Mse}. */
        MSE("mse", TargetKind.VALUES),
        /** {@link L1}. */
        L1("l1", TargetKind.VALUES),
        /** {@link Huber}. */
        HUBER("huber", TargetKind.VALUES),
        /** {@link CrossEntropy}. */
        CROSS_ENTROPY("cross_entropy", TargetKind.CLASS_INDICES, TargetKind.CLASS_PROBABILITIES),
        /** {@link Nll}. */
        NLL("nll", TargetKind.CLASS_INDICES),
        /** {@link BceWithLogits}. */
        BCE_WITH_LOGITS("bce_with_logits", TargetKind.VALUES);

        private final String id;
        private final Set<TargetKind> targetKinds;

        Type(String id, TargetKind first, TargetKind... rest) {
            this.id = id;
            this.targetKinds = Collections.unmodifiableSet(EnumSet.of(first, rest));
        }

        /** The name in files, e.g. {@code cross_entropy}. */
        public String id() {
            return id;
        }

        /** The target kinds a loss of this type accepts (unmodifiable). */
        public Set<TargetKind> targetKinds() {
            return targetKinds;
        }

        /** Every name, comma-separated, for messages. */
        public static String ids() {
            return String.join(", ", Arrays.stream(values()).map(Type::id).toList());
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** Which loss. */
    Type type();

    /** How the terms are reduced. */
    Reduction reduction();

    /** The target kinds the loss accepts (it tells them apart by shape); unmodifiable. */
    default Set<TargetKind> targetKinds() {
        return type().targetKinds();
    }

    /** A new loss of this description on {@code backend}. */
    Loss create(Backend backend);

    /**
     * The object's fields other than {@code type} and {@code reduction}, in file order, defaults
     * written out and absent vectors left out: values are {@link Double} or {@code double[]}
     * (copies). None by default.
     */
    default Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }

    /** Whether the loss takes class indices {@code [batch]} (cross_entropy and nll). */
    default boolean takesClassIndices() {
        return targetKinds().contains(TargetKind.CLASS_INDICES);
    }

    /**
     * The description of the loss named {@code type} with the fields {@code fields} gives.
     *
     * @throws SpecFormatException for an unknown type (at {@code type}), a missing or unknown
     *                             reduction, or a parameter that is mistyped or out of range
     */
    static LossSpec read(String type, SpecParameters fields) throws SpecFormatException {
        Type t = null;
        for (Type candidate : Type.values()) {
            if (candidate.id().equals(type)) {
                t = candidate;
            }
        }
        if (t == null) {
            throw fields.invalid("type", "is \"" + type + "\"; expected one of " + Type.ids());
        }
        Reduction r = Reduction.parse(fields.choice("reduction", null, List.of("mean", "sum")));
        return switch (t) {
            case MSE -> new Mse(r);
            case L1 -> new L1(r);
            case HUBER -> new Huber(r, fields.number("delta", Huber.DEFAULT_DELTA, d -> d > 0, "a finite number > 0"));
            case CROSS_ENTROPY -> new CrossEntropy(r, fields.number("label_smoothing", 0.0, s -> s >= 0 && s <= 1,
                    "a number in [0, 1]"), fields.vector("weight"));
            case NLL -> new Nll(r, fields.vector("weight"));
            case BCE_WITH_LOGITS -> new BceWithLogits(r, fields.vector("pos_weight"));
        };
    }

    /** {@code {"type": "mse", "reduction": r}}: {@code torch.nn.MSELoss}; target values {@code [batch, out]}. */
    record Mse(Reduction reduction) implements LossSpec {
        public Mse {
            Objects.requireNonNull(reduction, "reduction");
        }

        @Override
        public Type type() {
            return Type.MSE;
        }

        @Override
        public Loss create(Backend backend) {
            return new MseLoss(backend, reduction);
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /** {@code {"type": "l1", "reduction": r}}: {@code torch.nn.L1Loss}; target values {@code [batch, out]}. */
    record L1(Reduction reduction) implements LossSpec {
        public L1 {
            Objects.requireNonNull(reduction, "reduction");
        }

        @Override
        public Type type() {
            return Type.L1;
        }

        @Override
        public Loss create(Backend backend) {
            return new L1Loss(backend, reduction);
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /**
     * {@code {"type": "huber", "reduction": r, "delta": d}}: {@code torch.nn.HuberLoss}, {@code d}
     * finite and {@code > 0}, default 1.0; target values {@code [batch, out]}.
     */
    record Huber(Reduction reduction, double delta) implements LossSpec {
        /** PyTorch's default {@code delta}. */
        public static final double DEFAULT_DELTA = 1.0;

        /** @throws IllegalArgumentException for a {@code delta} that is not finite and {@code > 0} */
        public Huber {
            Objects.requireNonNull(reduction, "reduction");
            if (!(delta > 0) || Double.isInfinite(delta)) { // not "delta <= 0": rejects NaN too
                throw new IllegalArgumentException("huber delta (" + delta + ") must be a finite number > 0");
            }
        }

        @Override
        public Type type() {
            return Type.HUBER;
        }

        @Override
        public Loss create(Backend backend) {
            return new HuberLoss(backend, reduction, delta);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("delta", delta);
            return p;
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /**
     * {@code {"type": "cross_entropy", "reduction": r, "label_smoothing": s, "weight": [C]}}:
     * {@code torch.nn.CrossEntropyLoss} of logits; {@code s} in {@code [0, 1]}, default 0; the
     * class {@code weight} optional (null). Targets: class indices {@code [batch]}, or class
     * probabilities {@code [batch, out]} (then without a weight).
     */
    record CrossEntropy(Reduction reduction, double labelSmoothing, double[] weight) implements LossSpec {
        /** @throws IllegalArgumentException for a smoothing outside {@code [0, 1]} or a weight that is not finite */
        public CrossEntropy {
            Objects.requireNonNull(reduction, "reduction");
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException("cross_entropy label_smoothing (" + labelSmoothing
                        + ") must be in [0, 1]");
            }
            weight = finiteCopy("cross_entropy weight", weight);
        }

        /** Without smoothing or weights. */
        public CrossEntropy(Reduction reduction) {
            this(reduction, 0, null);
        }

        /** The class weights (a copy), or null. */
        @Override
        public double[] weight() {
            return copyOrNull(weight);
        }

        @Override
        public Type type() {
            return Type.CROSS_ENTROPY;
        }

        @Override
        public Loss create(Backend backend) {
            return new CrossEntropyLoss(backend, reduction, labelSmoothing, weight);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("label_smoothing", labelSmoothing);
            putIfPresent(p, "weight", weight);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CrossEntropy c && c.reduction == reduction
                    && Double.compare(c.labelSmoothing, labelSmoothing) == 0 && Arrays.equals(c.weight, weight);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reduction, labelSmoothing, Arrays.hashCode(weight));
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /**
     * {@code {"type": "nll", "reduction": r, "weight": [C]}}: {@code torch.nn.NLLLoss} of
     * log-probabilities; the class {@code weight} optional (null). Targets: class indices {@code [batch]}.
     */
    record Nll(Reduction reduction, double[] weight) implements LossSpec {
        /** @throws IllegalArgumentException for a weight that is not finite */
        public Nll {
            Objects.requireNonNull(reduction, "reduction");
            weight = finiteCopy("nll weight", weight);
        }

        /** The class weights (a copy), or null. */
        @Override
        public double[] weight() {
            return copyOrNull(weight);
        }

        @Override
        public Type type() {
            return Type.NLL;
        }

        @Override
        public Loss create(Backend backend) {
            return new NllLoss(backend, reduction, weight);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            putIfPresent(p, "weight", weight);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nll n && n.reduction == reduction && Arrays.equals(n.weight, weight);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reduction, Arrays.hashCode(weight));
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /**
     * {@code {"type": "bce_with_logits", "reduction": r, "pos_weight": [out]}}:
     * {@code torch.nn.BCEWithLogitsLoss} of logits; {@code pos_weight} optional (null). Target
     * values in {@code [0, 1]}, {@code [batch, out]}.
     */
    record BceWithLogits(Reduction reduction, double[] posWeight) implements LossSpec {
        /** @throws IllegalArgumentException for a weight that is not finite */
        public BceWithLogits {
            Objects.requireNonNull(reduction, "reduction");
            posWeight = finiteCopy("bce_with_logits pos_weight", posWeight);
        }

        /** The positive weights (a copy), or null. */
        @Override
        public double[] posWeight() {
            return copyOrNull(posWeight);
        }

        @Override
        public Type type() {
            return Type.BCE_WITH_LOGITS;
        }

        @Override
        public Loss create(Backend backend) {
            return new BceWithLogitsLoss(backend, reduction, posWeight);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            putIfPresent(p, "pos_weight", posWeight);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BceWithLogits b && b.reduction == reduction && Arrays.equals(b.posWeight, posWeight);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reduction, Arrays.hashCode(posWeight));
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /** E.g. {@code cross_entropy(mean, label_smoothing 0.1, weight [1.0, 2.0])}. */
    private static String describe(LossSpec spec) {
        StringBuilder sb = new StringBuilder(spec.type().id()).append('(').append(spec.reduction().id());
        for (Map.Entry<String, Object> e : spec.parameters().entrySet()) {
            Object v = e.getValue();
            sb.append(", ").append(e.getKey()).append(' ')
                    .append(v instanceof double[] d ? Arrays.toString(d) : String.format(Locale.ROOT, "%s", v));
        }
        return sb.append(')').toString();
    }

    private static double[] copyOrNull(double[] values) {
        return values == null ? null : values.clone();
    }

    private static void putIfPresent(Map<String, Object> parameters, String key, double[] values) {
        if (values != null) {
            parameters.put(key, values.clone());
        }
    }

    private static double[] finiteCopy(String what, double[] values) {
        if (values == null) {
            return null;
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " is empty; expected one value per class");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] (" + values[i] + ") must be finite");
            }
        }
        return values.clone();
    }
}
