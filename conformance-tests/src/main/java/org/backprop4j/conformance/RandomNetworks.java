package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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
 * without bias and followed by any activation or none, either reduction) is a jqwik
 * {@link Arbitrary}; {@link ConformanceKit}'s properties draw from it with a fixed seed and a
 * bounded number of tries, and jqwik's edge-case mixing makes the smallest sizes (width 1,
 * batch 1) come up first.
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
                    sb.append(a.type()).append(a.function() == Activation.LEAKY_RELU ? "(" + a.negativeSlope() + ")" : "");
                }
            }
            return sb.append(", batch ").append(batch).append(", ").append(reduction.id()).toString();
        }

        @Override
        public String toString() {
            return describe() + ", data seed " + dataSeed;
        }
    }

    /** The jqwik arbitrary of architectures. */
    public static Arbitrary<Architecture> architectures() {
        List<Optional<LayerSpec.Act>> activations = new ArrayList<>();
        activations.add(Optional.empty());
        for (Activation f : Activation.values()) {
            activations.add(Optional.of(LayerSpec.Act.of(f)));
        }
        activations.add(Optional.of(new LayerSpec.Act(Activation.LEAKY_RELU, 0.2)));
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 6);
        return Arbitraries.integers().between(1, 4).flatMap(depth -> Combinators.combine(
                sizes.list().ofSize(depth + 1),
                Arbitraries.of(true, false).list().ofSize(depth),
                Arbitraries.of(activations).list().ofSize(depth),
                Arbitraries.of(Reduction.class),
                sizes,
                Arbitraries.longs()
        ).as((widths, biases, acts, reduction, batch, seed) -> {
            List<LayerSpec> layers = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                layers.add(new LayerSpec.Linear(widths.get(i), widths.get(i + 1), biases.get(i)));
                acts.get(i).ifPresent(layers::add);
            }
            return new Architecture(layers, reduction, batch, seed);
        }));
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
