package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/**
 * The gradient check of {@code torch.autograd.gradcheck}: the backward pass's gradient of the loss
 * with respect to every parameter element and every input element, against the central
 * difference {@code (L(v + eps) - L(v - eps)) / (2 eps)} with {@code eps = 1e-6}, in float64,
 * matching when {@code |analytic - numeric| <= 1e-5 + 1e-3 |numeric|}.
 *
 * <p>It needs nothing but the backend itself, so it checks backward against forward even where no
 * PyTorch case reaches. The network must avoid kinks (see {@link RandomNetworks}).
 */
public final class FiniteDifferences {
    /** The step of the central difference, gradcheck's default. */
    public static final double EPS = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * Compares every gradient of {@code problem} (which must be float64) computed by
     * {@code backend}'s backward pass with central differences of its forward pass; quantities
     * {@code grads.input} and {@code grads.<key>}.
     */
    public static List<QuantityResult> check(Backend backend, NetworkProblem problem) {
        if (problem.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("finite differences run in float64; the problem is " + problem.dtype());
        }
        NetworkRunner.Evaluation analytic = NetworkRunner.evaluate(backend, problem);
        List<QuantityResult> results = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : analytic.grads().entrySet()) {
            String key = e.getKey();
            TensorData values = key.equals(NetworkRunner.INPUT) ? problem.input() : problem.params().get(key);
            double[] numeric = new double[values.data().length];
            for (int i = 0; i < numeric.length; i++) {
                double plus = NetworkRunner.loss(backend, perturbed(problem, key, i, EPS));
                double minus = NetworkRunner.loss(backend, perturbed(problem, key, i, -EPS));
                numeric[i] = (plus - minus) / (2 * EPS);
            }
            results.add(Comparison.compare("grads." + key, values.shape(), numeric, e.getValue().shape(),
                    e.getValue().data(), Tolerance.GRADCHECK));
        }
        return results;
    }

    /** The problem with element {@code i} of the input or parameter {@code key} moved by {@code delta}. */
    private static NetworkProblem perturbed(NetworkProblem problem, String key, int i, double delta) {
        Map<String, TensorData> params = new LinkedHashMap<>(problem.params());
        TensorData input = problem.input();
        if (key.equals(NetworkRunner.INPUT)) {
            input = moved(input, i, delta);
        } else {
            params.put(key, moved(params.get(key), i, delta));
        }
        return problem.with(params, input);
    }

    private static TensorData moved(TensorData t, int i, double delta) {
        double[] data = t.data().clone();
        data[i] += delta;
        return new TensorData(t.shape(), data);
    }
}
