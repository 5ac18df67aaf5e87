package org.backprop4j.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.Parameter;

/**
 * Adam with PyTorch's exact update rule ({@code torch.optim.Adam}, 1.13, L2 weight decay, not
 * AdamW): at step {@code t = 1, 2, ...}, for each parameter {@code p} with gradient {@code g},
 * <pre>
 *   g = g + weight_decay * p                            (if weight_decay != 0)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   vmax = max(vmax, v)                                 (amsgrad only; v below means vmax)
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p = p - (lr / (1 - beta1^t)) * m / denom
 * </pre>
 */
public final class Adam extends ParameterOptimizer {
    /** The {@link OptimizerState#type()} of its state. */
    public static final String TYPE = "adam";

    /**
     * Hyperparameters, checked as PyTorch checks them.
     *
     * @param lr          learning rate, {@code >= 0}
     * @param beta1       first-moment decay, in {@code [0, 1)}
     * @param beta2       second-moment decay, in {@code [0, 1)}
     * @param eps         added to the denominator, {@code >= 0}
     * @param weightDecay L2 penalty, {@code >= 0}
     * @param amsgrad     use the running maximum of {@code v}
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config {
            Sgd.requireNonNegative("lr", lr);
            Sgd.requireNonNegative("eps", eps);
            Sgd.requireNonNegative("weight_decay", weightDecay);
            requireBeta("betas[0]", beta1);
            requireBeta("betas[1]", beta2);
        }

        private static void requireBeta(String what, double beta) {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("Adam " + what + " (" + beta + ") must be in [0, 1)");
            }
        }

        /** PyTorch's defaults with the given learning rate: betas (0.9, 0.999), eps 1e-8. */
        public static Config of(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0, false);
        }
    }

    private final Config config;
    private final List<State> states = new ArrayList<>();
    private int t;

    /**
     * Per-parameter moments and work tensors, allocated once: {@code grad} (the gradient plus the
     * L2 term) only with weight decay, {@code vmax} only with AMSGrad.
     */
    private record State(Tensor grad, Tensor m, Tensor v, Tensor vmax, Tensor denom, Tensor scratch) {
    }

    public Adam(Backend backend, List<Parameter> params, Config config) {
        super(backend, params, config.lr());
        this.config = config;
        for (Parameter p : this.params) {
            var dtype = p.value().dtype();
            var shape = p.value().shape();
            states.add(new State(config.weightDecay() != 0 ? backend.zeros(dtype, shape) : null,
                    backend.zeros(dtype, shape), backend.zeros(dtype, shape),
                    config.amsgrad() ? backend.zeros(dtype, shape) : null, backend.zeros(dtype, shape),
                    backend.zeros(dtype, shape)));
        }
    }

    /** The hyperparameters it was made with (the learning rate as configured; see {@link #learningRate()}). */
    public Config config() {
        return config;
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    @Override
    public void step() {
        t++;
        double biasCorrection1 = 1 - Math.pow(config.beta1(), t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), t));
        double stepSize = lr / biasCorrection1;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            State s = states.get(i);
            Tensor g = p.grad();
            if (config.weightDecay() != 0) {
                backend.copy(p.grad(), s.grad());
                backend.axpby(config.weightDecay(), p.value(), 1.0, s.grad());
                g = s.grad();
            }
            backend.axpby(1 - config.beta1(), g, config.beta1(), s.m());
            backend.unary(UnaryOp.SQUARE, g, s.scratch());
            backend.axpby(1 - config.beta2(), s.scratch(), config.beta2(), s.v());
            Tensor second = s.v();
            if (config.amsgrad()) {
                backend.binary(BinaryOp.MAX, s.vmax(), s.v(), s.vmax());
                second = s.vmax();
            }
            backend.unary(UnaryOp.SQRT, second, s.denom());
            backend.scale(1 / biasCorrection2Sqrt, s.denom(), s.denom());
            backend.addScalar(s.denom(), config.eps(), s.denom());
            backend.addcdiv(-stepSize, s.m(), s.denom(), p.value(), s.scratch());
        }
    }

    /**
     * {@inheritDoc} Buffers {@code exp_avg} ({@code m}), {@code exp_avg_sq} ({@code v}) and, with
     * AMSGrad, {@code max_exp_avg_sq}; the step count is {@code t}.
     */
    @Override
    public OptimizerState state() {
        return state(TYPE);
    }

    @Override
    public void restore(OptimizerState state) {
        restore(state, TYPE);
    }

    /** The state, labelled {@code type} (AdamW's is this Adam's under its own name). */
    OptimizerState state(String type) {
        Map<String, Map<String, double[]>> buffers = new LinkedHashMap<>();
        for (Buffer b : buffers()) {
            buffers.put(b.name(), StateBuffers.copyOut(backend, params, b.tensors()));
        }
        return new OptimizerState(type, t, lr, buffers);
    }

    void restore(OptimizerState state, String type) {
        List<Buffer> expected = buffers();
        StateBuffers.check(state, type, expected.stream().map(Buffer::name).toList(), params);
        if (state.steps() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(type + " state has " + state.steps() + " steps; at most "
                    + Integer.MAX_VALUE + " are counted");
        }
        for (Buffer b : expected) {
            StateBuffers.copyIn(backend, params, state.buffers().get(b.name()), b.tensors());
        }
        t = (int) state.steps();
        lr = state.learningRate();
    }

    /** A named buffer: one tensor per parameter. */
    private record Buffer(String name, List<Tensor> tensors) {
    }

    private List<Buffer> buffers() {
        List<Buffer> buffers = new ArrayList<>();
        buffers.add(new Buffer("exp_avg", states.stream().map(State::m).toList()));
        buffers.add(new Buffer("exp_avg_sq", states.stream().map(State::v).toList()));
        if (config.amsgrad()) {
            buffers.add(new Buffer("max_exp_avg_sq", states.stream().map(State::vmax).toList()));
        }
        return buffers;
    }
}
