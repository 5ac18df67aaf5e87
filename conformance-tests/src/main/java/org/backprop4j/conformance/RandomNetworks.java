package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.layers.ActivationLayer;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.loss.TargetKind;

/**
 * Random networks and data for the finite-difference and cross-backend checks.
 *
 * <p>The architecture (1 to 4 linear layers, widths and batch 1 to 6, each linear layer with or
 * without bias and followed by any activation, a dropout layer or nothing, then a softmax or
 * log_softmax head or none, and any loss with valid targets in either reduction) comes from a
 * jqwik arbitrary ({@link Architectures}), from which {@link ConformanceKit}'s properties draw with
 * a fixed seed and a bounded number of tries (jqwik's edge-case mixing makes the smallest sizes,
 * width 1 and batch 1, come up first), or from {@link #sample}, which needs no jqwik. This class
 * itself does not use jqwik, so the command line runs the checks without it. A network with a
 * dropout layer runs in training mode, with the masks of its build seed, the same on every backend
 * (eval-mode dropout, the identity, is the golden cases' business).
 *
 * <p>Data is drawn from the architecture's own seed: weights and biases uniform in
 * {@code (-1/sqrt(in), 1/sqrt(in))} as PyTorch initialises them, inputs uniform in (-2, 2),
 * targets as the loss takes them (values in (-1, 1), in [0, 1) for bce_with_logits, class
 * indices, or class probabilities), rounded to the dtype. Where an input of an activation would
 * fall within {@value #KINK_MARGIN} of a kink (ReLU and LeakyReLU at 0, ELU with {@code alpha != 1}
 * at 0, Softplus at its threshold) or, for the l1 loss, an output within it of its target, the data
 * is drawn again (from the next seed): at a kink the derivative is a convention, a finite
 * difference straddles it, and two backends' roundings may fall on different sides of it. The
 * kinks themselves are pinned down by the PyTorch cases.
 */
public final class RandomNetworks {
    /** How close to a kink an activation's input (or an l1 output to its target) may come. */
    public static final double KINK_MARGIN = 1e-3;
    /** The most linear layers a random architecture has. */
    static final int MAX_DEPTH = 4;
    /** The largest width and batch size of a random architecture. */
    static final int MAX_SIZE = 6;
    /** The drop probability of the dropout layers random networks hold. */
    static final double DROPOUT_P = 0.3;
    private static final int MAX_REDRAWS = 1000;

    private RandomNetworks() {
    }

    /**
     * A network's structure, its loss and the seed of its data.
     *
     * @param layers   the model
     * @param loss     the loss, with its parameters (class weights, if any, are exact in float32)
     * @param target   what the target holds (class indices or probabilities for cross_entropy)
     * @param batch    the batch size
     * @param dataSeed the seed weights, input and target are drawn from
     */
    public record Architecture(List<LayerSpec> layers, LossSpec loss, TargetKind target, int batch, long dataSeed) {
        public Architecture {
            layers = List.copyOf(layers);
            if (!loss.targetKinds().contains(target)) {
                throw new IllegalArgumentException(loss.type() + " does not take " + target + " targets");
            }
        }

        /** The input width: the {@code in} of the first linear layer. */
        public int inputWidth() {
            return linears().get(0).in();
        }

        /** The output width: the {@code out} of the last linear layer. */
        public int outputWidth() {
            List<LayerSpec.Linear> linears = linears();
            return linears.get(linears.size() - 1).out();
        }

        /** The linear layers, in order. */
        public List<LayerSpec.Linear> linears() {
            return layers.stream().filter(l -> l instanceof LayerSpec.Linear).map(l -> (LayerSpec.Linear) l).toList();
        }

        /** Whether the network runs in training mode: it holds a dropout layer. */
        public boolean training() {
            return layers.stream().anyMatch(l -> l instanceof LayerSpec.Dropout);
        }

        /**
         * E.g. {@code linear(4, 3) relu dropout(0.3) linear(3, 1, no bias) softmax, batch 2,
         * cross_entropy(sum, label_smoothing 0.0), class probabilities, train mode}.
         */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (LayerSpec l : layers) {
                sb.append(sb.length() == 0 ? "" : " ");
                if (l instanceof LayerSpec.Linear lin) {
                    sb.append("linear(").append(lin.in()).append(", ").append(lin.out())
                            .append(lin.bias() ? "" : ", no bias").append(')');
                } else if (l instanceof LayerSpec.ActivationLayer a) {
                    sb.append(a.function());
                } else if (l instanceof LayerSpec.Dropout d) {
                    sb.append("dropout(").append(d.p()).append(')');
                } else {
                    sb.append(l.type());
                }
            }
            sb.append(", batch ").append(batch).append(", ").append(loss);
            if (target == TargetKind.CLASS_PROBABILITIES) {
                sb.append(", class probabilities");
            }
            return sb.append(training() ? ", train mode" : "").toString();
        }

        @Override
        public String toString() {
            return describe() + ", data seed " + dataSeed;
        }
    }

    /**
     * A loss a random network may end in, before the reduction and the output width are known.
     *
     * @param type      which loss
     * @param target    what its target holds
     * @param weighted  with class weights ({@code weight}, {@code pos_weight})
     * @param parameter huber's {@code delta} or cross_entropy's {@code label_smoothing}; 0 otherwise
     */
    record LossChoice(LossSpec.Type type, TargetKind target, boolean weighted, double parameter) {
        /**
         * The loss for {@code outputs} outputs; weights {@code (2 + k) / 8}, {@code k} drawn from
         * {@code seed} in {@code [0, 14]}, so they are exact in float32.
         */
        LossSpec spec(Reduction reduction, int outputs, long seed) {
            double[] weights = weighted ? weights(outputs, seed) : null;
            return switch (type) {
                case MSE -> new LossSpec.Mse(reduction);
                case L1 -> new LossSpec.L1(reduction);
                case HUBER -> new LossSpec.Huber(reduction, parameter);
                case CROSS_ENTROPY -> new LossSpec.CrossEntropy(reduction, parameter, weights);
                case NLL -> new LossSpec.Nll(reduction, weights);
                case BCE_WITH_LOGITS -> new LossSpec.BceWithLogits(reduction, weights);
            };
        }

        private static double[] weights(int n, long seed) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = (2 + rng.nextInt(15)) / 8.0;
            }
            return w;
        }
    }

    /**
     * The losses random networks end in: every type, in both its plain form and its parameters'
     * (delta 0.5; cross_entropy's weight and smoothing with class indices, and smoothing with class
     * probabilities; nll's weight; bce_with_logits's pos_weight).
     */
    static List<LossChoice> lossChoices() {
        List<LossChoice> choices = new ArrayList<>();
        for (LossSpec.Type type : LossSpec.Type.values()) {
            switch (type) {
                case MSE, L1 -> choices.add(new LossChoice(type, TargetKind.VALUES, false, 0));
                case HUBER -> {
                    choices.add(new LossChoice(type, TargetKind.VALUES, false, LossSpec.Huber.DEFAULT_DELTA));
                    choices.add(new LossChoice(type, TargetKind.VALUES, false, 0.5));
                }
                case CROSS_ENTROPY -> {
                    choices.add(new LossChoice(type, TargetKind.CLASS_INDICES, false, 0));
                    choices.add(new LossChoice(type, TargetKind.CLASS_INDICES, true, 0.1));
                    choices.add(new LossChoice(type, TargetKind.CLASS_PROBABILITIES, false, 0.2));
                }
                case NLL -> {
                    choices.add(new LossChoice(type, TargetKind.CLASS_INDICES, false, 0));
                    choices.add(new LossChoice(type, TargetKind.CLASS_INDICES, true, 0));
                }
                case BCE_WITH_LOGITS -> {
                    choices.add(new LossChoice(type, TargetKind.VALUES, false, 0));
                    choices.add(new LossChoice(type, TargetKind.VALUES, true, 0));
                }
            }
        }
        return choices;
    }

    /**
     * What may follow a linear layer: nothing, every activation with PyTorch's defaults, a few with
     * other parameters (LeakyReLU(0.2), ELU(0.5), Softplus(2, 1.5): kinks away from the defaults'),
     * and dropout.
     */
    static List<Optional<LayerSpec>> activationChoices() {
        List<Optional<LayerSpec>> choices = new ArrayList<>();
        choices.add(Optional.empty());
        for (Activation.Kind kind : Activation.Kind.values()) {
            choices.add(Optional.of(LayerSpec.ActivationLayer.of(Activation.of(kind))));
        }
        choices.add(Optional.of(LayerSpec.ActivationLayer.of(Activation.leakyRelu(0.2))));
        choices.add(Optional.of(LayerSpec.ActivationLayer.of(Activation.elu(0.5))));
        choices.add(Optional.of(LayerSpec.ActivationLayer.of(Activation.softplus(2, 1.5))));
        choices.add(Optional.of(new LayerSpec.Dropout(DROPOUT_P)));
        return choices;
    }

    /** What may end a network: nothing, softmax or log_softmax. */
    static List<Optional<LayerSpec>> headChoices() {
        return List.of(Optional.empty(), Optional.of(new LayerSpec.Softmax()), Optional.of(new LayerSpec.LogSoftmax()));
    }

    /**
     * The architecture of {@code depth} linear layers with these widths ({@code depth + 1}),
     * biases and what follows each ({@code depth} each), the head, and the loss.
     */
    static Architecture of(List<Integer> widths, List<Boolean> biases, List<Optional<LayerSpec>> activations,
                           Optional<LayerSpec> head, LossChoice loss, Reduction reduction, int batch, long dataSeed) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < biases.size(); i++) {
            layers.add(new LayerSpec.Linear(widths.get(i), widths.get(i + 1), biases.get(i)));
            activations.get(i).ifPresent(layers::add);
        }
        head.ifPresent(layers::add);
        int outputs = widths.get(biases.size());
        return new Architecture(layers, loss.spec(reduction, outputs, dataSeed), loss.target(), batch, dataSeed);
    }

    /**
     * An architecture drawn from {@code rng} with the distribution of the kit's jqwik arbitrary
     * ({@link Architectures#arbitrary()}), uniformly: depth 1 to 4, widths and batch 1 to 6, each
     * bias present or not, each activation any or none, any head, any loss, either reduction. For
     * running the random checks without jqwik, as {@code backprop4j conformance} does.
     */
    public static Architecture sample(SplittableRandom rng) {
        int depth = rng.nextInt(1, MAX_DEPTH + 1);
        List<Integer> widths = new ArrayList<>();
        List<Boolean> biases = new ArrayList<>();
        List<Optional<LayerSpec>> activations = new ArrayList<>();
        List<Optional<LayerSpec>> choices = activationChoices();
        for (int i = 0; i <= depth; i++) {
            widths.add(rng.nextInt(1, MAX_SIZE + 1));
        }
        for (int i = 0; i < depth; i++) {
            biases.add(rng.nextBoolean());
            activations.add(choices.get(rng.nextInt(choices.size())));
        }
        List<Optional<LayerSpec>> heads = headChoices();
        Optional<LayerSpec> head = heads.get(rng.nextInt(heads.size()));
        List<LossChoice> losses = lossChoices();
        LossChoice loss = losses.get(rng.nextInt(losses.size()));
        Reduction reduction = Reduction.values()[rng.nextInt(Reduction.values().length)];
        return of(widths, biases, activations, head, loss, reduction, rng.nextInt(1, MAX_SIZE + 1), rng.nextLong());
    }

    /**
     * The fixed networks of the finite-difference check, with data seeds counting up from
     * {@code seed}, each with both reductions: linear(3, 4) + each activation (PyTorch's defaults;
     * LeakyReLU 0.2) + linear(4, 2, no bias) with the MSE; a single linear layer; a leading
     * activation; a deep network down to one output at batch 1; softmax and log_softmax heads;
     * linear(4, 3) with every loss (and its parameters); dropout in training mode. Every layer type,
     * every loss and both reductions are covered.
     */
    public static List<Architecture> gradcheckCoverage(long seed) {
        List<List<LayerSpec>> models = new ArrayList<>();
        List<LossChoice> losses = new ArrayList<>();
        LossChoice mse = new LossChoice(LossSpec.Type.MSE, TargetKind.VALUES, false, 0);
        for (Activation.Kind kind : Activation.Kind.values()) {
            Activation f = kind == Activation.Kind.LEAKY_RELU ? Activation.leakyRelu(0.2) : Activation.of(kind);
            models.add(List.of(new LayerSpec.Linear(3, 4, true), LayerSpec.ActivationLayer.of(f), new LayerSpec.Linear(4, 2, false)));
            losses.add(mse);
        }
        models.add(List.of(new LayerSpec.Linear(4, 3, true)));
        losses.add(mse);
        models.add(List.of(LayerSpec.ActivationLayer.of(Activation.TANH), new LayerSpec.Linear(3, 2, true)));
        losses.add(mse);
        models.add(List.of(new LayerSpec.Linear(4, 5, true), LayerSpec.ActivationLayer.of(Activation.TANH),
                new LayerSpec.Linear(5, 3, false), LayerSpec.ActivationLayer.of(Activation.LEAKY_RELU),
                new LayerSpec.Linear(3, 1, true), LayerSpec.ActivationLayer.of(Activation.SIGMOID)));
        losses.add(mse);
        models.add(List.of(new LayerSpec.Linear(3, 4, true), new LayerSpec.Softmax()));
        losses.add(mse);
        models.add(List.of(new LayerSpec.Linear(3, 4, true), LayerSpec.ActivationLayer.of(Activation.GELU),
                new LayerSpec.Linear(4, 3, true), new LayerSpec.LogSoftmax()));
        losses.add(new LossChoice(LossSpec.Type.NLL, TargetKind.CLASS_INDICES, true, 0));
        for (LossChoice loss : lossChoices()) {
            if (loss.type() != LossSpec.Type.MSE) {
                models.add(List.of(new LayerSpec.Linear(4, 3, true)));
                losses.add(loss);
            }
        }
        models.add(List.of(new LayerSpec.Linear(3, 4, true), LayerSpec.ActivationLayer.of(Activation.RELU),
                new LayerSpec.Dropout(0.5), new LayerSpec.Linear(4, 2, true)));
        losses.add(mse);
        List<Architecture> out = new ArrayList<>();
        long next = seed;
        for (int i = 0; i < models.size(); i++) {
            List<LayerSpec> model = models.get(i);
            int outputs = ((LayerSpec.Linear) model.stream().filter(l -> l instanceof LayerSpec.Linear)
                    .reduce((a, b) -> b).orElseThrow()).out();
            for (Reduction r : Reduction.values()) {
                long dataSeed = next++;
                out.add(new Architecture(model, losses.get(i).spec(r, outputs, dataSeed), losses.get(i).target(),
                        model.size() > 4 ? 1 : 3, dataSeed));
            }
        }
        return out;
    }

    /**
     * The architecture with data in {@code dtype}, drawn from its seed (and the next seeds while
     * a kink is within {@link #KINK_MARGIN}).
     */
    public static NetworkProblem problem(Architecture architecture, DType dtype, String description) {
        Backend reference = Backend.wrap(new NaiveBackendProvider());
        NetworkProblem problem = null;
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            problem = draw(architecture, dtype, description, architecture.dataSeed() + attempt);
            if (kinkDistance(reference, problem) >= KINK_MARGIN) {
                return problem;
            }
        }
        return problem; // a network that always hits a kink (e.g. width-1 ReLU on constant input) is rare; use the last draw
    }

    private static NetworkProblem draw(Architecture architecture, DType dtype, String description, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, TensorData> params = new LinkedHashMap<>();
        for (int i = 0; i < architecture.layers().size(); i++) {
            if (architecture.layers().get(i) instanceof LayerSpec.Linear l) {
                double bound = 1 / Math.sqrt(l.in());
                params.put(i + ".weight", uniform(rng, Shape.matrix(l.out(), l.in()), -bound, bound, dtype));
                if (l.bias()) {
                    params.put(i + ".bias", uniform(rng, Shape.vector(l.out()), -bound, bound, dtype));
                }
            }
        }
        int batch = architecture.batch();
        int out = architecture.outputWidth();
        TensorData input = uniform(rng, Shape.matrix(batch, architecture.inputWidth()), -2, 2, dtype);
        TensorData target = switch (architecture.target()) {
            case VALUES -> architecture.loss().type() == LossSpec.Type.BCE_WITH_LOGITS
                    ? uniform(rng, Shape.matrix(batch, out), 0, 1, dtype)
                    : uniform(rng, Shape.matrix(batch, out), -1, 1, dtype);
            case CLASS_INDICES -> classIndices(rng, batch, out);
            case CLASS_PROBABILITIES -> probabilities(rng, batch, out, dtype);
        };
        return new NetworkProblem(description, dtype, architecture.layers(), architecture.loss(), params, input,
                target, architecture.training());
    }

    private static TensorData uniform(SplittableRandom rng, Shape shape, double low, double high, DType dtype) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.round(rng.nextDouble(low, high));
        }
        return new TensorData(shape, v);
    }

    private static TensorData classIndices(SplittableRandom rng, int batch, int classes) {
        double[] k = new double[batch];
        for (int i = 0; i < batch; i++) {
            k[i] = rng.nextInt(classes);
        }
        return new TensorData(Shape.vector(batch), k);
    }

    /** Rows of positive numbers that sum to 1 (up to the dtype's rounding). */
    private static TensorData probabilities(SplittableRandom rng, int batch, int classes, DType dtype) {
        double[] p = new double[batch * classes];
        for (int i = 0; i < batch; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = rng.nextDouble(0.05, 1);
                sum += p[i * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = dtype.round(p[i * classes + c] / sum);
            }
        }
        return new TensorData(Shape.matrix(batch, classes), p);
    }

    /**
     * The smallest distance to a kink, computed in float64 on naive: over every input of an
     * activation with one ({@link #kink}) and, for the l1 loss, between each output and its target.
     */
    static double kinkDistance(Backend reference, NetworkProblem problem) {
        NetworkProblem wide = new NetworkProblem(problem.description(), DType.FLOAT64, problem.layers(),
                problem.loss(), problem.params(), problem.input(), problem.target(), problem.training());
        Sequential model = NetworkRunner.build(reference, wide);
        Tensor h = wide.input().toTensor(reference, DType.FLOAT64);
        double distance = Double.POSITIVE_INFINITY;
        for (Layer layer : model.layers()) {
            if (layer instanceof ActivationLayer a) {
                for (double v : reference.toDoubleArray(h)) {
                    distance = Math.min(distance, kink(a.function(), v));
                }
            }
            h = layer.forward(h);
        }
        if (problem.loss().type() == LossSpec.Type.L1) {
            double[] output = reference.toDoubleArray(h);
            for (int i = 0; i < output.length; i++) {
                distance = Math.min(distance, Math.abs(output[i] - wide.target().data()[i]));
            }
        }
        return distance;
    }

    /**
     * How far {@code x} is from a point where {@code f} or its derivative jumps: 0 for ReLU and
     * LeakyReLU, 0 for ELU unless {@code alpha} is 1 (then the derivative is continuous), the
     * threshold for Softplus (where it switches to the identity); none for the smooth functions.
     */
    static double kink(Activation f, double x) {
        return switch (f.kind()) {
            case RELU, LEAKY_RELU -> Math.abs(x);
            case ELU -> f.alpha() == 1 ? Double.POSITIVE_INFINITY : Math.abs(x);
            case SOFTPLUS -> Math.abs(x * f.beta() - f.threshold()) / f.beta();
            case IDENTITY, SIGMOID, TANH, GELU, GELU_TANH, SILU -> Double.POSITIVE_INFINITY;
        };
    }
}
