package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.loss.Reduction;

/** What a set of random architectures must cover, whichever way they were drawn. */
final class ArchitectureCoverage {
    private ArchitectureCoverage() {
    }

    /**
     * Batch 1 and more, input width 1, one output and more than two, every depth 1 to 4, every
     * activation, both reductions, layers with and without bias.
     */
    static void assertCoversTheSpace(List<RandomNetworks.Architecture> drawn) {
        assertThat(drawn).anyMatch(a -> a.batch() == 1).anyMatch(a -> a.batch() > 1);
        assertThat(drawn).anyMatch(a -> linears(a).stream().anyMatch(l -> l.in() == 1));
        assertThat(drawn).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() == 1);
        assertThat(drawn).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() > 2);
        for (int depth = 1; depth <= RandomNetworks.MAX_DEPTH; depth++) {
            int d = depth;
            assertThat(drawn).as("depth " + d).anyMatch(a -> linears(a).size() == d);
        }
        for (Activation f : RandomNetworks.ACTIVATIONS) {
            assertThat(drawn).as(f.toString()).anyMatch(a -> a.layers().stream()
                    .anyMatch(l -> l instanceof LayerSpec.Act act && act.function() == f));
        }
        assertThat(drawn).anyMatch(a -> a.reduction() == Reduction.MEAN).anyMatch(a -> a.reduction() == Reduction.SUM);
        assertThat(drawn).anyMatch(a -> linears(a).stream().anyMatch(LayerSpec.Linear::bias))
                .anyMatch(a -> linears(a).stream().anyMatch(l -> !l.bias()));
    }

    /** The linear layers of {@code a}, in order. */
    static List<LayerSpec.Linear> linears(RandomNetworks.Architecture a) {
        return a.layers().stream().filter(l -> l instanceof LayerSpec.Linear).map(l -> (LayerSpec.Linear) l).toList();
    }
}
