package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.loss.TargetKind;

/** What a set of random architectures must cover, whichever way they were drawn. */
final class ArchitectureCoverage {
    private ArchitectureCoverage() {
    }

    /**
     * Batch 1 and more, input width 1, one output and more than two, every depth 1 to 4, at least
     * {@code activationKinds} distinct activation kinds, dropout, both heads, every loss type, class
     * probabilities, both reductions, layers with and without bias. (Every activation kind is certain
     * only in a larger sample: with a choice of 15 after each linear layer, 40 networks miss some.
     * The fixed finite-difference networks have every kind by construction.)
     */
    static void assertCoversTheSpace(List<RandomNetworks.Architecture> drawn, int activationKinds) {
        assertThat(drawn).anyMatch(a -> a.batch() == 1).anyMatch(a -> a.batch() > 1);
        assertThat(drawn).anyMatch(a -> linears(a).stream().anyMatch(l -> l.in() == 1));
        assertThat(drawn).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() == 1);
        assertThat(drawn).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() > 2);
        for (int depth = 1; depth <= RandomNetworks.MAX_DEPTH; depth++) {
            int d = depth;
            assertThat(drawn).as("depth " + d).anyMatch(a -> linears(a).size() == d);
        }
        assertThat(drawn.stream().flatMap(a -> a.layers().stream()).filter(l -> l instanceof LayerSpec.ActivationLayer)
                .map(l -> ((LayerSpec.ActivationLayer) l).function().kind()).distinct().count()).as("activation kinds drawn")
                .isGreaterThanOrEqualTo(activationKinds);
        for (Class<?> layer : List.of(LayerSpec.Dropout.class, LayerSpec.Softmax.class, LayerSpec.LogSoftmax.class)) {
            assertThat(drawn).as(layer.getSimpleName()).anyMatch(a -> a.layers().stream().anyMatch(layer::isInstance));
        }
        for (LossSpec.Type type : LossSpec.Type.values()) {
            assertThat(drawn).as(type.id()).anyMatch(a -> a.loss().type() == type);
        }
        assertThat(drawn).anyMatch(a -> a.target() == TargetKind.CLASS_PROBABILITIES)
                .anyMatch(a -> a.target() == TargetKind.CLASS_INDICES);
        assertThat(drawn).anyMatch(a -> a.loss().reduction() == Reduction.MEAN)
                .anyMatch(a -> a.loss().reduction() == Reduction.SUM);
        assertThat(drawn).anyMatch(a -> linears(a).stream().anyMatch(LayerSpec.Linear::bias))
                .anyMatch(a -> linears(a).stream().anyMatch(l -> !l.bias()));
    }

    /** The linear layers of {@code a}, in order. */
    static List<LayerSpec.Linear> linears(RandomNetworks.Architecture a) {
        return a.linears();
    }
}
