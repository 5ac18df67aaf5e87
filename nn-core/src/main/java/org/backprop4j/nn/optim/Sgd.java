package org.backprop4j.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Parameter;

/**
 * Stochastic gradient descent with PyTorch's exact update rule ({@code torch.optim.SGD},
 * 1.13): for each parameter {@code p} with gradient {@code g},
 * <pre>
 *   d = g + weight_decay * p                          (if weight_decay != 0)
 *   if momentum != 0:
 *       b = d                                         (first step: a copy, no dampening)
 *       b = momentum * b + (1 - dampening) * d        (later steps)
 *       d = d + momentum * b   if nesterov, else   d = b
 *   p = p - lr * d
 * </pre>
 */
public final class Sgd extends ParameterOptimizer {
    /** The {@link OptimizerState#type()} of its state. */
    public static final String TYPE = "sgd";

    /**
     * Hyperparameters, checked as PyTorch checks them.
     *
     * @param lr          learning rate, {@code >= 0}
     * @param momentum    {@code >= 0}; 0 turns momentum off
     * @param dampening   dampening of the momentum's gradient term
     * @param weightDecay L2 penalty, {@code >= 0}
     * @param nesterov    Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
     */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            requireNonNegative("lr", lr);
            requireNonNegative("momentum", momentum);
            requireNonNegative("weight_decay", weightDecay);
            if (!Double.isFinite(dampening)) {
                throw new IllegalArgumentException("SGD dampening (" + dampening + ") must be finite");
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD nesterov needs momentum > 0 and dampening = 0; found momentum "
                        + momentum + ", dampening " + dampening);
            }
        }

        /** Plain SGD: no momentum, no weight decay. */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, 0, false);
        }
    }

    static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) { // not v < 0: rejects NaN too
            throw new IllegalArgumentException(what + " (" + v + ") must be a finite number >= 0");
        }
    }

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final Config config;
    private final List<Tensor> direction = new ArrayList<>();
    private final List<Tensor> momentumBuffers = new ArrayList<>();
    private long steps;

    public Sgd(Backend backend, List<Parameter> params, Config config) {
        super(backend, params, config.lr());
        this.config = config;
        for (Parameter p : this.params) {
            boolean needsDirection = config.weightDecay() != 0 || config.nesterov();
            direction.add(needsDirection ? backend.zeros(p.value().dtype(), p.value().shape()) : null);
            momentumBuffers.add(config.momentum() != 0 ? backend.zeros(p.value().dtype(), p.value().shape()) : null);
        }
    }

    /** The hyperparameters it was made with (the learning rate as configured; see {@link #learningRate()}). */
    public Config config() {
        return config;
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Tensor d = p.grad(); // read in place where no term is added: no copy of the gradient
            if (config.weightDecay() != 0) {
                d = direction.get(i);
                backend.copy(p.grad(), d);
                backend.axpby(config.weightDecay(), p.value(), 1.0, d);
            }
            if (config.momentum() != 0) {
                Tensor b = momentumBuffers.get(i);
                if (steps > 0) {
                    backend.axpby(1.0 - config.dampening(), d, config.momentum(), b);
                } else {
                    backend.copy(d, b);
                }
                if (config.nesterov()) {
                    Tensor n = direction.get(i);
                    if (d != n) {
                        backend.copy(d, n);
                    }
                    backend.axpby(config.momentum(), b, 1.0, n);
                    d = n;
                } else {
                    d = b;
                }
            }
            backend.axpby(-lr, d, 1.0, p.value());
        }
        steps++;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * {@inheritDoc} With momentum, the buffer {@code momentum_buffer} (meaningful once a step has
     * been taken: the first step copies the direction into it); without, no buffer.
     */
    @Override
    public OptimizerState state() {
        Map<String, Map<String, double[]>> buffers = new LinkedHashMap<>();
        if (config.momentum() != 0) {
            buffers.put(MOMENTUM_BUFFER, StateBuffers.copyOut(backend, params, momentumBuffers));
        }
        return new OptimizerState(TYPE, steps, lr, buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        List<String> expected = config.momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
        StateBuffers.check(state, TYPE, expected, params);
        if (config.momentum() != 0) {
            StateBuffers.copyIn(backend, params, state.buffers().get(MOMENTUM_BUFFER), momentumBuffers);
        }
        steps = state.steps();
        lr = state.learningRate();
    }
}
