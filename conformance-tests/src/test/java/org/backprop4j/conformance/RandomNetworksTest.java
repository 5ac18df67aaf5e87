package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.backend.naive.NaiveBackendProvider;

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
        return Architectures.arbitrary();
    }

    @Example
    void kinksAreWhereAFunctionOrItsDerivativeJumps() {
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.RELU, -0.25)).isEqualTo(0.25);
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.elu(0.5), 0.5)).isEqualTo(0.5);
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.ELU, 0)).as("alpha 1: no kink").isInfinite();
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.softplus(2, 1.5), 0.75)).as("beta x = threshold")
                .isZero();
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.softplus(2, 1.5), 1.0)).isEqualTo(0.25);
        assertThat(RandomNetworks.kink(org.backprop4j.api.Activation.GELU, 0)).isInfinite();
    }

    @Example
    void theFixedGradcheckNetworksHaveEveryLayerTypeEveryLossAndBothReductions() {
        List<RandomNetworks.Architecture> fixed = RandomNetworks.gradcheckCoverage(1);
        for (org.backprop4j.api.Activation.Kind kind : org.backprop4j.api.Activation.Kind.values()) {
            for (org.backprop4j.nn.loss.Reduction r : org.backprop4j.nn.loss.Reduction.values()) {
                assertThat(fixed).as(kind + " " + r).anyMatch(a -> a.loss().reduction() == r && a.layers().stream()
                        .anyMatch(l -> l instanceof org.backprop4j.nn.LayerSpec.ActivationLayer act && act.function().kind() == kind));
            }
        }
        for (org.backprop4j.nn.LossSpec.Type type : org.backprop4j.nn.LossSpec.Type.values()) {
            for (org.backprop4j.nn.loss.Reduction r : org.backprop4j.nn.loss.Reduction.values()) {
                assertThat(fixed).as(type + " " + r).anyMatch(a -> a.loss().type() == type && a.loss().reduction() == r);
            }
        }
        assertThat(fixed).anyMatch(RandomNetworks.Architecture::training);
    }

    @AfterContainer
    static void theDrawnNetworksCoverTheEdgeShapesAndEveryLayerType() {
        assertThat(DRAWN).hasSize(ConformanceKit.CROSS_BACKEND_TRIES);
        ArchitectureCoverage.assertCoversTheSpace(DRAWN, 8);
    }
}
