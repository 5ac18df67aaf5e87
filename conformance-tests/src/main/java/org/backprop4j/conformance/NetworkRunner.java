package org.backprop4j.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;

/**
 * Runs a {@link NetworkProblem} on a backend with {@code nn-core}'s layers, loss, optimizers and
 * schedules, exactly as a user's training loop would, and reads back every quantity the checks
 * compare.
 */
public final class NetworkRunner {
    /** The key of dLoss/dInput among the gradients, as in case files. */
    public static final String INPUT = "input";
    /** The seed networks are built from: the initial weights are overwritten, and dropout masks come from it. */
    static final long BUILD_SEED = 0;

    private NetworkRunner() {
    }

    /**
     * Forward, loss and backward once.
     *
     * @param output the model's output
     * @param loss   the loss
     * @param grads  dLoss/dInput under {@value #INPUT}, then every parameter's gradient by key
     */
    public record Evaluation(TensorData output, double loss, Map<String, TensorData> grads) {
    }

    /**
     * A training run.
     *
     * @param losses the loss of each step, before its update
     * @param params every parameter after the last step, by key
     */
    public record Training(double[] losses, Map<String, TensorData> params) {
    }

    /**
     * The model of {@code problem} on {@code backend}, built by {@link Sequential#build} (the one
     * rule for every network, so whatever the kit runs can be saved and loaded), its parameters
     * loaded from the problem, in the problem's mode. A new model draws the same dropout masks
     * every time (from {@link #BUILD_SEED}), which is what makes finite differences through dropout
     * in training mode well defined.
     */
    public static Sequential build(Backend backend, NetworkProblem problem) {
        Sequential model = Sequential.build(backend, problem.dtype(), problem.layers(), BUILD_SEED);
        Map<String, double[]> values = new LinkedHashMap<>();
        problem.params().forEach((key, tensor) -> values.put(key, tensor.data()));
        model.loadStateDict(values);
        return problem.training() ? model.train() : model.eval();
    }

    /** Output, loss and gradients of {@code problem} on {@code backend}. */
    public static Evaluation evaluate(Backend backend, NetworkProblem problem) {
        Sequential model = build(backend, problem);
        Tensor x = problem.input().toTensor(backend, problem.dtype());
        Tensor target = problem.target().toTensor(backend, problem.dtype());
        Loss loss = problem.loss().create(backend);
        Tensor out = model.forward(x);
        TensorData output = read(backend, out);
        double value = loss.forward(out, target);
        model.zeroGrad();
        Tensor dx = model.backward(loss.backward());
        Map<String, TensorData> grads = new LinkedHashMap<>();
        grads.put(INPUT, read(backend, dx));
        for (Parameter p : model.parameters()) {
            grads.put(p.name(), read(backend, p.grad()));
        }
        return new Evaluation(output, value, grads);
    }

    /** Only the loss of {@code problem} (a forward pass), for finite differences. */
    public static double loss(Backend backend, NetworkProblem problem) {
        Sequential model = build(backend, problem);
        Tensor out = model.forward(problem.input().toTensor(backend, problem.dtype()));
        return problem.loss().create(backend).forward(out, problem.target().toTensor(backend, problem.dtype()));
    }

    /**
     * {@code steps} full-batch steps from the problem's parameters: zero the gradients, forward,
     * loss, backward, one optimizer step, then one step of {@code scheduler} if present.
     */
    public static Training train(Backend backend, NetworkProblem problem, OptimizerSpec optimizerSpec,
                                 Optional<SchedulerSpec> scheduler, int steps) {
        Sequential model = build(backend, problem);
        Tensor x = problem.input().toTensor(backend, problem.dtype());
        Tensor target = problem.target().toTensor(backend, problem.dtype());
        Loss loss = problem.loss().create(backend);
        Optimizer optimizer = optimizerSpec.create(backend, model.parameters());
        LrScheduler schedule = scheduler.map(s -> s.create(optimizer)).orElse(null);
        double[] losses = new double[steps];
        for (int k = 0; k < steps; k++) {
            optimizer.zeroGrad();
            Tensor out = model.forward(x);
            losses[k] = loss.forward(out, target);
            model.backward(loss.backward());
            optimizer.step();
            if (schedule != null) {
                schedule.step();
            }
        }
        Map<String, TensorData> params = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            params.put(p.name(), read(backend, p.value()));
        }
        return new Training(losses, params);
    }

    private static TensorData read(Backend backend, Tensor t) {
        return new TensorData(t.shape(), backend.toDoubleArray(t));
    }
}
