package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.loss.Reduction;

/**
 * The networks the kit's cross-backend properties draw (same arbitrary, seed and tries) cover what
 * the issue asks for: shapes including 1, every depth from 1 to 4, every activation, both
 * reductions, layers with and without bias; and their data stays clear of the ReLU kinks.
 */
class RandomNetworksTest {
    private static final List<RandomNetworks.Architecture> DRAWN = new ArrayList<>();

    @Property(tries = ConformanceKit.CROSS_BACKEND_TRIES, seed = ConformanceKit.SEED,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void dataStaysClearOfTheKinks(@ForAll("architectures") RandomNetworks.Architecture architecture) {
        DRAWN.add(architecture);
        NetworkProblem problem = RandomNetworks.problem(architecture, DType.FLOAT32, "test");
        assertThat(RandomNetworks.kinkDistance(Backend.wrap(new NaiveBackendProvider()), problem))
                .isGreaterThanOrEqualTo(RandomNetworks.KINK_MARGIN);
    }

    @Provide
    Arbitrary<RandomNetworks.Architecture> architectures() {
        return RandomNetworks.architectures();
    }

    @AfterContainer
    static void theDrawnNetworksCoverTheEdgeShapesAndEveryLayerType() {
        assertThat(DRAWN).hasSize(ConformanceKit.CROSS_BACKEND_TRIES);
        assertThat(DRAWN).anyMatch(a -> a.batch() == 1).anyMatch(a -> a.batch() > 1);
        assertThat(DRAWN).anyMatch(a -> linears(a).stream().anyMatch(l -> l.in() == 1));
        assertThat(DRAWN).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() == 1);
        assertThat(DRAWN).anyMatch(a -> linears(a).get(linears(a).size() - 1).out() > 2);
        for (int depth = 1; depth <= 4; depth++) {
            int d = depth;
            assertThat(DRAWN).as("depth " + d).anyMatch(a -> linears(a).size() == d);
        }
        for (Activation f : Activation.values()) {
            assertThat(DRAWN).as(f.id()).anyMatch(a -> a.layers().stream()
                    .anyMatch(l -> l instanceof LayerSpec.Act act && act.function() == f));
        }
        assertThat(DRAWN).anyMatch(a -> a.reduction() == Reduction.MEAN).anyMatch(a -> a.reduction() == Reduction.SUM);
        assertThat(DRAWN).anyMatch(a -> linears(a).stream().anyMatch(LayerSpec.Linear::bias))
                .anyMatch(a -> linears(a).stream().anyMatch(l -> !l.bias()));
    }

    private static List<LayerSpec.Linear> linears(RandomNetworks.Architecture a) {
        return a.layers().stream().filter(l -> l instanceof LayerSpec.Linear).map(l -> (LayerSpec.Linear) l).toList();
    }
}
