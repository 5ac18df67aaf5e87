package org.backprop4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/**
 * An optimizer's state saved after some steps and restored into a new optimizer over new
 * parameters continues bitwise as the original does, for every optimizer, setting and dtype,
 * with a schedule too; a state that does not fit is refused naming what is wrong.
 */
class OptimizerStateTest {
    private final Backend b = TestBackends.naive();

    private List<Parameter> params(DType dtype) {
        return List.of(new Parameter("0.weight", b.zeros(dtype, Shape.matrix(3, 2)), b.zeros(dtype, Shape.matrix(3, 2))),
                new Parameter("0.bias", b.zeros(dtype, Shape.vector(3)), b.zeros(dtype, Shape.vector(3))));
    }

    /** Sets every parameter to {@code values} and returns nothing. */
    private void load(List<Parameter> params, Map<String, double[]> values) {
        for (Parameter p : params) {
            b.copyIn(values.get(p.name()), p.value());
        }
    }

    private Map<String, double[]> values(List<Parameter> params) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : params) {
            out.put(p.name(), b.toDoubleArray(p.value()));
        }
        return out;
    }

    /** Step {@code step} (from 0): gradients that depend on the step and the values, so no two steps repeat. */
    private void gradients(List<Parameter> params, int step) {
        SplittableRandom rng = new SplittableRandom(step);
        for (Parameter p : params) {
            double[] v = b.toDoubleArray(p.value());
            double[] g = new double[v.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = 0.3 * v[i] + rng.nextDouble() - 0.5;
            }
            b.copyIn(g, p.grad());
        }
    }

    private record Run(Optimizer optimizer, LrScheduler scheduler) {
        void step() {
            optimizer.step();
            if (scheduler != null) {
                scheduler.step();
            }
        }
    }

    private void continuesBitwise(String what, Function<List<Parameter>, Run> make) {
        for (DType dtype : DType.values()) {
            List<Parameter> straight = params(dtype);
            Run a = make.apply(straight);
            for (int s = 0; s < 7; s++) {
                gradients(straight, s);
                a.step();
            }
            OptimizerState saved = a.optimizer().state();
            int savedSchedule = a.scheduler() == null ? -1 : a.scheduler().steps();
            Map<String, double[]> savedValues = values(straight);
            for (int s = 7; s < 15; s++) {
                gradients(straight, s);
                a.step();
            }

            List<Parameter> resumed = params(dtype);
            Run r = make.apply(resumed);
            load(resumed, savedValues);
            r.optimizer().restore(saved);
            if (r.scheduler() != null) {
                r.scheduler().restore(savedSchedule);
            }
            for (int s = 7; s < 15; s++) {
                gradients(resumed, s);
                r.step();
            }
            Map<String, double[]> x = values(straight);
            Map<String, double[]> y = values(resumed);
            for (String key : x.keySet()) {
                assertThat(y.get(key)).as(what + " " + dtype + " " + key).isEqualTo(x.get(key));
            }
            assertThat(r.optimizer().learningRate()).as(what + " learning rate").isEqualTo(a.optimizer().learningRate());
            assertThat(r.optimizer().state().steps()).isEqualTo(15);
        }
    }

    @Test
    void everyOptimizerContinuesBitwiseFromItsState() {
        continuesBitwise("adam", p -> new Run(new Adam(b, p, Adam.Config.of(0.05)), null));
        continuesBitwise("adam with L2 and amsgrad", p -> new Run(new Adam(b, p,
                new Adam.Config(0.05, 0.8, 0.99, 1e-6, 0.1, true)), null));
        continuesBitwise("adamw with a step schedule", p -> {
            AdamW o = new AdamW(b, p, AdamW.defaults(0.05));
            return new Run(o, new StepLr(o, 3, 0.5));
        });
        continuesBitwise("sgd", p -> new Run(new Sgd(b, p, Sgd.Config.of(0.1)), null));
        continuesBitwise("sgd with momentum, decay and a cosine schedule", p -> {
            Sgd o = new Sgd(b, p, new Sgd.Config(0.1, 0.9, 0.1, 0.01, false));
            return new Run(o, new CosineAnnealingLr(o, 5, 0.001));
        });
        continuesBitwise("nesterov", p -> new Run(new Sgd(b, p, new Sgd.Config(0.1, 0.9, 0, 0, true)), null));
    }

    @Test
    void theStateNamesItsBuffersAsPyTorchDoes() {
        List<Parameter> p = params(DType.FLOAT64);
        assertThat(new Adam(b, p, Adam.Config.of(0.1)).state().buffers()).containsOnlyKeys("exp_avg", "exp_avg_sq");
        assertThat(new Adam(b, p, new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, true)).state().buffers())
                .containsOnlyKeys("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        assertThat(new AdamW(b, p, AdamW.defaults(0.1)).state().type()).isEqualTo("adamw");
        assertThat(new Sgd(b, p, new Sgd.Config(0.1, 0.9, 0, 0, false)).state().buffers().get("momentum_buffer"))
                .containsOnlyKeys("0.weight", "0.bias");
        assertThat(new Sgd(b, p, Sgd.Config.of(0.1)).state().buffers()).isEmpty();
    }

    @Test
    void aStateThatDoesNotFitIsRefused() {
        List<Parameter> p = params(DType.FLOAT64);
        OptimizerState adam = new Adam(b, p, Adam.Config.of(0.1)).state();
        assertThatThrownBy(() -> new Sgd(b, p, Sgd.Config.of(0.1)).restore(adam))
                .hasMessage("optimizer state is adam's; expected sgd's");
        assertThatThrownBy(() -> new AdamW(b, p, AdamW.defaults(0.1)).restore(adam))
                .hasMessage("optimizer state is adam's; expected adamw's");
        assertThatThrownBy(() -> new Adam(b, p, new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, true)).restore(adam))
                .hasMessage("adam state has buffers [exp_avg, exp_avg_sq]; expected [exp_avg, exp_avg_sq, max_exp_avg_sq]");
        Map<String, Map<String, double[]>> shortBias = new LinkedHashMap<>(adam.buffers());
        Map<String, double[]> m = new LinkedHashMap<>(adam.buffers().get("exp_avg"));
        m.put("0.bias", new double[2]);
        shortBias.put("exp_avg", m);
        assertThatThrownBy(() -> new Adam(b, p, Adam.Config.of(0.1)).restore(new OptimizerState("adam", 3, 0.1,
                shortBias))).hasMessage("adam state exp_avg.0.bias has 2 values; expected 3");
        Map<String, double[]> extra = new LinkedHashMap<>(adam.buffers().get("exp_avg"));
        extra.put("1.weight", new double[1]);
        Map<String, Map<String, double[]>> withExtra = new LinkedHashMap<>(adam.buffers());
        withExtra.put("exp_avg", extra);
        assertThatThrownBy(() -> new Adam(b, p, Adam.Config.of(0.1)).restore(new OptimizerState("adam", 3, 0.1,
                withExtra))).hasMessage("adam state exp_avg has parameter '1.weight', which the optimizer does not update");
        assertThatThrownBy(() -> new OptimizerState("adam", -1, 0.1, Map.of()))
                .hasMessage("optimizer steps (-1) must be >= 0");
        List<Parameter> none = new ArrayList<>();
        assertThatThrownBy(() -> new Adam(b, none, Adam.Config.of(0.1)).restore(new OptimizerState("adam", 1, -2,
                Map.of("exp_avg", Map.of(), "exp_avg_sq", Map.of())))).hasMessage("lr (-2.0) must be a finite number >= 0");
    }
}
