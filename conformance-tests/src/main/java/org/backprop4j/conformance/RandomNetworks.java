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
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.layers.ActivationLayer;
import org.backprop4j.nn.loss.Reduction;

/**
 * Random networks and data for the finite-difference and cross-backend checks.
 *
 * <p>The architecture (1 to 4 linear layers, widths and batch 1 to 6, each linear layer with or
 * without bias and followed by any activation or none, either reduction) comes from a jqwik
 * arbitrary ({@link Architectures}), from which {@link ConformanceKit}'s properties draw with a
 * fixed seed and a bounded number of tries (jqwik's edge-case mixing makes the smallest sizes,
 * width 1 and batch 1, come up first), or from {@link #sample}, which needs no jqwik. This class
 * itself does not use jqwik, so the command line runs the checks without it.
 *
 * <p>Data is drawn from the architecture's own seed: weights and biases uniform in
 * {@code (-1/sqrt(in), 1/sqrt(in))} as PyTorch initialises them, inputs uniform in (-2, 2),
 * targets in (-1, 1), rounded to the dtype. Where a ReLU or LeakyReLU input would fall within
 * {@value #KINK_MARGIN} of 0, the data is drawn again (from the next seed): at a kink the
 * derivative is a convention, a finite difference straddles it, and two backends' roundings
 * may fall on different sides of it. The kinks themselves are pinned down by the PyTorch cases.
 */
public final class RandomNetworks {
    /** How close to 0 a ReLU or LeakyReLU input may come. */
    public static final double KINK_MARGIN = 1e-3;
    /** The most linear layers a random architecture has. */
    static final int MAX_DEPTH = 4;
    /** The largest width and batch size of a random architecture. */
    static final int MAX_SIZE = 6;
    private static final int MAX_REDRAWS = 1000;

    private RandomNetworks() {
    }

    /**
     * A network's structure and the seed of its data.
     *
     * @param layers    the model
     * @param reduction the MSE reduction
     * @param batch     the batch size
     * @param dataSeed  the seed weights, input and target are drawn from
     */
    public record Architecture(List<LayerSpec> layers, Reduction reduction, int batch, long dataSeed) {
        public Architecture {
            layers = List.copyOf(layers);
        }

        /** The input width: the {@code in} of the first linear layer. */
        public int inputWidth() {
            return layers.stream().filter(l -> l instanceof LayerSpec.Linear).map(l -> ((LayerSpec.Linear) l).in())
                    .findFirst().orElseThrow();
        }

        /** E.g. {@code linear(4, 3) relu linear(3, 1, no bias), batch 2, sum}. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (LayerSpec l : layers) {
                sb.append(sb.length() == 0 ? "" : " ");
                if (l instanceof LayerSpec.Linear lin) {
                    sb.append("linear(").append(lin.in()).append(", ").append(lin.out())
                            .append(lin.bias() ? "" : ", no bias").append(')');
                } else if (l instanceof LayerSpec.Act a) {
                    sb.append(a.function());
                }
            }
            return sb.append(", batch ").append(batch).append(", ").append(reduction.id()).toString();
        }

        @Override
        public String toString() {
            return describe() + ", data seed " + dataSeed;
        }
    }

    /** The activations random networks are made of, with PyTorch's default parameters. */
    static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
            Activation.SIGMOID, Activation.TANH);

    /** The activations an architecture may put after a linear layer: none, each one, and LeakyReLU(0.2). */
    static List<Optional<LayerSpec.Act>> activationChoices() {
        List<Optional<LayerSpec.Act>> activations = new ArrayList<>();
        activations.add(Optional.empty());
        for (Activation f : ACTIVATIONS) {
            activations.add(Optional.of(LayerSpec.Act.of(f)));
        }
        activations.add(Optional.of(LayerSpec.Act.of(Activation.leakyRelu(0.2))));
        return activations;
    }

    /**
     * The architecture of {@code depth} linear layers with these widths ({@code depth + 1}),
     * biases and activations ({@code depth} each).
     */
    static Architecture of(List<Integer> widths, List<Boolean> biases, List<Optional<LayerSpec.Act>> activations,
                           Reduction reduction, int batch, long dataSeed) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < biases.size(); i++) {
            layers.add(new LayerSpec.Linear(widths.get(i), widths.get(i + 1), biases.get(i)));
            activations.get(i).ifPresent(layers::add);
        }
        return new Architecture(layers, reduction, batch, dataSeed);
    }

    /**
     * An architecture drawn from {@code rng} with the distribution of the kit's jqwik arbitrary
     * ({@link Architectures#arbitrary()}), uniformly: depth 1 to 4, widths and batch 1 to 6, each
     * bias present or not, each activation any or none, either reduction. For running the random
     * checks without jqwik, as {@code backprop4j conformance} does.
     */
    public static Architecture sample(SplittableRandom rng) {
        int depth = rng.nextInt(1, MAX_DEPTH + 1);
        List<Integer> widths = new ArrayList<>();
        List<Boolean> biases = new ArrayList<>();
        List<Optional<LayerSpec.Act>> activations = new ArrayList<>();
        List<Optional<LayerSpec.Act>> choices = activationChoices();
        for (int i = 0; i <= depth; i++) {
            widths.add(rng.nextInt(1, MAX_SIZE + 1));
        }
        for (int i = 0; i < depth; i++) {
            biases.add(rng.nextBoolean());
            activations.add(choices.get(rng.nextInt(choices.size())));
        }
        Reduction reduction = Reduction.values()[rng.nextInt(Reduction.values().length)];
        return of(widths, biases, activations, reduction, rng.nextInt(1, MAX_SIZE + 1), rng.nextLong());
    }

    /**
     * The fixed networks of the finite-difference check, with data seeds counting up from
     * {@code seed}: linear(3, 4) + each activation + linear(4, 2, no bias) at batch 3; a single
     * linear layer; a leading activation; and a deep network down to one output at batch 1; each
     * with both reductions. Every layer type and both reductions are covered.
     */
    public static List<Architecture> gradcheckCoverage(long seed) {
        List<List<LayerSpec>> models = new ArrayList<>();
        for (Activation f : ACTIVATIONS) {
            LayerSpec.Act act = LayerSpec.Act.of(f.kind() == Activation.Kind.LEAKY_RELU ? Activation.leakyRelu(0.2) : f);
            models.add(List.of(new LayerSpec.Linear(3, 4, true), act, new LayerSpec.Linear(4, 2, false)));
        }
        models.add(List.of(new LayerSpec.Linear(4, 3, true)));
        models.add(List.of(LayerSpec.Act.of(Activation.TANH), new LayerSpec.Linear(3, 2, true)));
        models.add(List.of(new LayerSpec.Linear(4, 5, true), LayerSpec.Act.of(Activation.TANH),
                new LayerSpec.Linear(5, 3, false), LayerSpec.Act.of(Activation.LEAKY_RELU),
                new LayerSpec.Linear(3, 1, true), LayerSpec.Act.of(Activation.SIGMOID)));
        List<Architecture> out = new ArrayList<>();
        long next = seed;
        for (List<LayerSpec> model : models) {
            for (Reduction r : Reduction.values()) {
                out.add(new Architecture(model, r, model.size() > 3 ? 1 : 3, next++));
            }
        }
        return out;
    }

    /**
     * The architecture with data in {@code dtype}, drawn from its seed (and the next seeds while
     * a ReLU or LeakyReLU input falls within {@link #KINK_MARGIN} of 0).
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
        int out = 0;
        for (int i = 0; i < architecture.layers().size(); i++) {
            if (architecture.layers().get(i) instanceof LayerSpec.Linear l) {
                double bound = 1 / Math.sqrt(l.in());
                params.put(i + ".weight", uniform(rng, Shape.matrix(l.out(), l.in()), bound, dtype));
                if (l.bias()) {
                    params.put(i + ".bias", uniform(rng, Shape.vector(l.out()), bound, dtype));
                }
                out = l.out();
            }
        }
        TensorData input = uniform(rng, Shape.matrix(architecture.batch(), architecture.inputWidth()), 2, dtype);
        TensorData target = uniform(rng, Shape.matrix(architecture.batch(), out), 1, dtype);
        return new NetworkProblem(description, dtype, architecture.layers(), architecture.reduction(), params, input,
                target);
    }

    private static TensorData uniform(SplittableRandom rng, Shape shape, double bound, DType dtype) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.round(rng.nextDouble(-bound, bound));
        }
        return new TensorData(shape, v);
    }

    /** The smallest {@code |x|} over every input of a ReLU or LeakyReLU layer, computed in float64 on naive. */
    static double kinkDistance(Backend reference, NetworkProblem problem) {
        NetworkProblem wide = new NetworkProblem(problem.description(), DType.FLOAT64, problem.layers(),
                problem.reduction(), problem.params(), problem.input(), problem.target());
        Sequential model = NetworkRunner.build(reference, wide);
        Tensor h = wide.input().toTensor(reference, DType.FLOAT64);
        double distance = Double.POSITIVE_INFINITY;
        for (Layer layer : model.layers()) {
            if (layer instanceof ActivationLayer a
                    && (a.function() == Activation.RELU || a.function() == Activation.LEAKY_RELU)) {
                for (double v : reference.toDoubleArray(h)) {
                    distance = Math.min(distance, Math.abs(v));
                }
            }
            h = layer.forward(h);
        }
        return distance;
    }
}
