package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link OpContract#run} as the command line calls it: one result per check, named by op, dtype,
 * shape and flags; the naive backend passes all of them; a dtype a backend lacks is skipped; and
 * the JUnit class runs exactly the same checks under the same names.
 */
class OpContractTest {
    private static final Backend NAIVE = Backend.wrap(new NaiveBackendProvider());

    static class Float64OnlyOpsTest extends BackendOpsContract {
        @Override
        protected BackendProvider provider() {
            return new Float64OnlyProvider();
        }
    }

    @Test
    void theNaiveBackendPassesEveryCheckAgainstItself() {
        List<CaseResult> results = OpContract.run(NAIVE, NAIVE);
        assertThat(results).hasSize(OpContract.checks().size()).allMatch(CaseResult::passed);
        assertThat(results).allMatch(r -> r.origin().equals(OpContract.ORIGIN) && r.backend().equals("naive"));
        assertThat(results.stream().map(CaseResult::caseName).distinct().count()).isEqualTo(results.size());
        assertThat(results).extracting(CaseResult::caseName).contains(
                "gemm float32 op(a) [2, 3] op(b) [3, 2] transposeA=true transposeB=false alpha=2.0 beta=0.5",
                "rowReduce(MAX) float64 a [6, 3] rows of -Infinity, NaN, both infinities",
                "activationBackward(elu(alpha=0.5)) float32 [2] at exactly 0 and -0");
    }

    @Test
    void checksInADtypeTheBackendLacksAreSkippedWithTheReason() {
        List<CaseResult> results = OpContract.run(Backend.wrap(new Float64OnlyProvider()), NAIVE);
        assertThat(results).filteredOn(r -> r.dtype() == DType.FLOAT32).isNotEmpty()
                .allMatch(r -> r.skipped() && r.skipReason().equals("backend 'float64-only' does not support float32"));
        assertThat(results).filteredOn(r -> r.dtype() == DType.FLOAT64).isNotEmpty().allMatch(CaseResult::passed);
    }

    @Test
    void theJUnitContractRunsTheSameChecksUnderTheSameNames() {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Float64OnlyOpsTest.class)).execute()
                .testEvents();
        List<String> names = events.list().stream().filter(e -> e.getType().name().equals("STARTED"))
                .map(e -> e.getTestDescriptor().getDisplayName()).filter(n -> !n.startsWith("provider: ")).toList();
        assertThat(names).containsExactlyElementsOf(OpContract.checks().stream().map(OpCheck::name).toList());
        assertThat(events.failed().count()).isZero();
        assertThat(events.aborted().count()).isEqualTo(OpContract.checks().stream()
                .filter(c -> c.dtype() == DType.FLOAT32).count());
    }
}
