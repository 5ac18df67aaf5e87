package org.backprop4j.conformance;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;

/** The optimizer of a case's training run: {@code torch.optim.SGD}, {@code torch.optim.Adam} or {@code torch.optim.AdamW}. */
public sealed interface OptimizerSpec {

    /** A new optimizer over {@code params}, with fresh state. */
    Optimizer create(Backend backend, List<Parameter> params);

    /** {@code {"type": "sgd", "lr", "momentum", "dampening", "weight_decay", "nesterov"}}. */
    record SgdSpec(Sgd.Config config) implements OptimizerSpec {
        @Override
        public Optimizer create(Backend backend, List<Parameter> params) {
            return new Sgd(backend, params, config);
        }

        @Override
        public String toString() {
            return "sgd(lr " + config.lr() + ", momentum " + config.momentum() + ", dampening " + config.dampening()
                    + ", weight_decay " + config.weightDecay() + ", nesterov " + config.nesterov() + ")";
        }
    }

    /** {@code {"type": "adam", "lr", "betas", "eps", "weight_decay", "amsgrad"}}. */
    record AdamSpec(Adam.Config config) implements OptimizerSpec {
        @Override
        public Optimizer create(Backend backend, List<Parameter> params) {
            return new Adam(backend, params, config);
        }

        @Override
        public String toString() {
            return describe("adam", config);
        }
    }

    /**
     * {@code {"type": "adamw", "lr", "betas", "eps", "weight_decay", "amsgrad"}}: decoupled weight
     * decay ({@link AdamW}); {@code weight_decay} is always written out.
     */
    record AdamWSpec(Adam.Config config) implements OptimizerSpec {
        @Override
        public Optimizer create(Backend backend, List<Parameter> params) {
            return new AdamW(backend, params, config);
        }

        @Override
        public String toString() {
            return describe("adamw", config);
        }
    }

    /** E.g. {@code adam(lr 0.001, betas [0.9, 0.999], eps 1.0E-8, weight_decay 0.0, amsgrad false)}. */
    private static String describe(String type, Adam.Config config) {
        return type + "(lr " + config.lr() + ", betas [" + config.beta1() + ", " + config.beta2() + "], eps "
                + config.eps() + ", weight_decay " + config.weightDecay() + ", amsgrad " + config.amsgrad() + ")";
    }
}
