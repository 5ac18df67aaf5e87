package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.conformance.broken.BrokenBackend;
import org.junit.jupiter.api.Test;

/** The finite-difference and cross-backend checks as plain calls, as the command line runs them. */
class NetworkChecksTest {
    private static final Backend NAIVE = Backend.wrap(new NaiveBackendProvider());
    private static final long SEED = 7;

    @Test
    void finiteDifferencesPassOnTheReferenceForTheCoverageNetworksAndTheRandomOnes() {
        List<CaseResult> results = NetworkChecks.finiteDifferences(NAIVE, 5, SEED);
        assertThat(results).hasSize(RandomNetworks.gradcheckCoverage(SEED).size() + 5);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.passed()).as(r.label()).isTrue();
            assertThat(r.caseName()).startsWith("gradcheck ").contains(", data seed ");
            assertThat(r.origin()).isEqualTo(NetworkChecks.FINITE_DIFFERENCES);
            assertThat(r.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(r.quantities()).extracting(QuantityResult::quantity).contains("grads.input");
        });
    }

    @Test
    void anIgnoredDerivativeFailsTheGradcheckNamingTheNetworkAndTheGradient() {
        List<CaseResult> results = NetworkChecks.finiteDifferences(Backend.wrap(BrokenBackend.IGNORED_DERIVATIVE), 0, SEED);
        List<CaseResult> failed = results.stream().filter(CaseResult::failed).toList();
        assertThat(failed).isNotEmpty();
        assertThat(failed).allSatisfy(r -> assertThat(r.failures())
                .allSatisfy(q -> assertThat(q.quantity()).startsWith("grads.")));
        // a network without activations has no derivative to ignore
        assertThat(results).filteredOn(r -> r.caseName().startsWith("gradcheck linear(4, 3), "))
                .allMatch(CaseResult::passed);
    }

    @Test
    void agreementPassesAgainstTheSameBackendAndFailsOnAFlippedGradient() {
        EnumSet<DType> both = EnumSet.allOf(DType.class);
        List<CaseResult> same = NetworkChecks.agreement(NAIVE, NAIVE, both, 6, SEED);
        assertThat(same).hasSize(12).allMatch(CaseResult::passed);
        assertThat(same).extracting(CaseResult::origin).containsOnly(NetworkChecks.AGREEMENT);
        assertThat(same.get(0).caseName()).startsWith("agreement linear(");
        assertThat(same.get(0).quantities()).extracting(QuantityResult::quantity)
                .contains("output", "loss", "grads.input", "train.losses");

        List<CaseResult> flipped = NetworkChecks.agreement(Backend.wrap(BrokenBackend.FLIPPED_BIAS_GRADIENT), NAIVE, both,
                6, SEED);
        assertThat(flipped).anyMatch(CaseResult::failed);
        assertThat(flipped.stream().filter(CaseResult::failed).flatMap(r -> r.failures().stream()))
                .anyMatch(q -> q.quantity().endsWith(".bias"));
    }

    @Test
    void aDtypeTheBackendDoesNotDeclareIsSkippedAndTheOthersRun() {
        Backend float64Only = Backend.wrap(new Float64OnlyProvider());
        List<CaseResult> results = NetworkChecks.agreement(float64Only, NAIVE, EnumSet.allOf(DType.class), 3, SEED);
        assertThat(results).filteredOn(r -> r.dtype() == DType.FLOAT32).hasSize(3).allMatch(CaseResult::skipped);
        assertThat(results).filteredOn(r -> r.dtype() == DType.FLOAT64).hasSize(3).allMatch(CaseResult::passed);
        assertThat(NetworkChecks.agreement(float64Only, NAIVE, EnumSet.of(DType.FLOAT64), 3, SEED)).hasSize(3);
    }

    @Test
    void sampledArchitecturesAreReproducibleAndCoverTheSpaceTheArbitraryCovers() {
        List<RandomNetworks.Architecture> drawn = NetworkChecks.sample(300, SEED);
        assertThat(NetworkChecks.sample(300, SEED)).isEqualTo(drawn);
        assertThat(NetworkChecks.sample(300, SEED + 1)).isNotEqualTo(drawn);
        ArchitectureCoverage.assertCoversTheSpace(drawn, org.backprop4j.api.Activation.Kind.values().length);
        assertThat(drawn).allMatch(a -> ArchitectureCoverage.linears(a).size() <= RandomNetworks.MAX_DEPTH
                && a.batch() >= 1 && a.batch() <= RandomNetworks.MAX_SIZE);
        assertThat(drawn).anyMatch(a -> a.batch() == RandomNetworks.MAX_SIZE)
                .anyMatch(a -> ArchitectureCoverage.linears(a).stream().anyMatch(l -> l.out() == RandomNetworks.MAX_SIZE));
    }
}
