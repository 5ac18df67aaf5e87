package org.backprop4j.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.conformance.BackendOpsContract;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.CaseRunner;
import org.backprop4j.conformance.Cases;
import org.backprop4j.conformance.OpContract;
import org.backprop4j.conformance.QuantityResult;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The op contract catches deliberately broken backends, each the naive backend with one op
 * decorated, and names the op: as plain calls ({@link OpContract#run}, what the command line
 * runs) and, for the breakage issue #10 found passing the command line (a {@code columnSums}
 * that ignores {@code beta}, which every golden case misses), in JUnit as a backend module runs it.
 */
class BrokenOpsContractTest {
    private static final Backend NAIVE = Backend.wrap(new NaiveBackendProvider());

    // The contract as a broken backend's module would extend it; run by this test, not by surefire.
    static class IgnoredBetaOpsTest extends BackendOpsContract {
        @Override
        protected BackendProvider provider() {
            return BrokenBackend.IGNORED_BETA;
        }
    }

    private static List<CaseResult> failures(BackendProvider broken) {
        return OpContract.run(Backend.wrap(broken), NAIVE).stream().filter(CaseResult::failed).toList();
    }

    private static List<String> names(List<CaseResult> results) {
        return results.stream().map(CaseResult::caseName).toList();
    }

    @Test
    void aColumnSumsThatIgnoresBetaPassesEveryGoldenCase() {
        Backend broken = Backend.wrap(BrokenBackend.IGNORED_BETA);
        assertThat(Cases.builtIn()).isNotEmpty().allSatisfy(c -> assertThat(CaseRunner.run(c, broken).passed())
                .as(c.origin()).isTrue());
    }

    @Test
    void aColumnSumsThatIgnoresBetaFailsOnlyTheColumnSumsChecks() {
        List<CaseResult> failed = failures(BrokenBackend.IGNORED_BETA);
        assertThat(names(failed)).isNotEmpty().allMatch(n -> n.startsWith("columnSums"))
                .contains("columnSums float32 a [3, 2] beta=0.0 (NaN in out not read), 1.0 and 2.0",
                        "columnSums vs naive float64 a [33, 3] beta=1.0");
        CaseResult byHand = failed.get(0);
        assertThat(byHand.failureReport())
                .startsWith("case columnSums float32 a [3, 2] beta=0.0 (NaN in out not read), 1.0 and 2.0 [float32] "
                        + "on broken-ignored-beta (op contract) failed:")
                .contains("out after beta=1.0 [2]: 2 of 2 elements differ; worst [0]: actual 9.0, expected 18.0")
                .doesNotContain("out after beta=0.0");
    }

    @Test
    void inJUnitTheIgnoredBetaFailsNamingColumnSumsAndBeta() {
        Map<String, String> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(IgnoredBetaOpsTest.class))
                .execute().testEvents().failed().stream()
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(), BrokenOpsContractTest::message));
        assertThat(failed.keySet()).isNotEmpty().allMatch(n -> n.startsWith("columnSums"));
        assertThat(failed.get("columnSums vs naive float32 a [4, 7] beta=1.0"))
                .contains("on broken-ignored-beta (op contract) failed:").contains("out [7]: ").contains("elements differ");
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    @Test
    void theKitsOtherBrokenBackendsFailTheChecksOfTheOpTheyBreak() {
        assertThat(names(failures(BrokenBackend.FLIPPED_BIAS_GRADIENT))).isNotEmpty()
                .allMatch(n -> n.startsWith("columnSums"));
        assertThat(names(failures(BrokenBackend.IGNORED_DERIVATIVE))).isNotEmpty()
                .allMatch(n -> n.startsWith("activationBackward(") || n.contains(" and backward "))
                .noneMatch(n -> n.startsWith("activationBackward(identity)"));
        List<CaseResult> half = failures(BrokenBackend.HALF_PRECISION);
        assertThat(half).isNotEmpty().allMatch(r -> r.dtype() == DType.FLOAT32);
        assertThat(names(half)).contains("gemm vs naive float32 op(a) [16, 33] op(b) [33, 9] transposeA=false "
                + "transposeB=false alpha=1.0 beta=0.0");
    }

    @Test
    void skippingTheProductWhenAlphaIsZeroFailsTheAlphaZeroChecks() {
        List<String> failed = names(failures(BrokenBackend.SKIPPED_ALPHA_ZERO));
        assertThat(failed).isNotEmpty().allMatch(n -> n.contains("alpha=0.0"))
                .contains("gemm float64 op(a) [2, 3] op(b) [3, 2] transposeA=false transposeB=true alpha=0.0 beta=0.5 "
                        + "(NaN and Infinity in a and b read)")
                .contains("axpby float32 [4] alpha=0.0 beta=0.5, 1.0 and 0.0 (NaN and Infinity in x read)")
                .contains("scale float64 [4] alpha=0.0 (NaN and Infinity in x read)");
    }

    @Test
    void aBackwardThatOverwritesDyFailsOnlyTheDxEqualsDyPermission() {
        List<CaseResult> failed = failures(BrokenBackend.TWO_PASS_BACKWARD);
        assertThat(failed).hasSize(2 * 12).allMatch(r -> r.caseName().startsWith("activationBackward(")
                && r.caseName().endsWith("dx = x, dx = y, dx = dy, x = y"));
        assertThat(failed).allSatisfy(r -> assertThat(r.failures()).extracting(QuantityResult::quantity)
                .containsExactly("dx = dy"));
    }

    @Test
    void rowMaximaThatLoseNaNFailTheSpecialValues() {
        List<CaseResult> failed = failures(BrokenBackend.NAN_LOSING_ROW_MAX);
        assertThat(names(failed)).containsExactlyInAnyOrder(
                "rowReduce(MAX) float32 a [6, 3] rows of -Infinity, NaN, both infinities",
                "rowReduce(MAX) float64 a [6, 3] rows of -Infinity, NaN, both infinities");
        // float64 keeps -Double.MAX_VALUE for the row of -Infinity (float32 rounds it to -Infinity)
        assertThat(failed.get(1).failureReport()).contains("out [6]: 3 of 6 elements differ; worst [0]: actual "
                + "-1.7976931348623157E308, expected -Infinity");
    }

    @Test
    void aScratchSharedBetweenThreadsFailsTheConcurrentCalls() {
        List<String> failed = names(failures(BrokenBackend.SHARED_SCRATCH));
        assertThat(failed).isNotEmpty().allMatch(n -> n.startsWith("concurrent calls"));
    }

    @Test
    void aGoldenCaseWhoseBackendThrowsNamesTheOp() {
        BrokenBackend outOfBounds = BrokenBackend.of("broken-gemm-out-of-bounds", delegate -> new DecoratedOps(delegate) {
            @Override
            public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta,
                             Tensor c) {
                throw new ArrayIndexOutOfBoundsException("Index 12 out of bounds for length 12");
            }
        });
        // the forward pass calls the facade's linear, whose default composite calls gemm
        CaseResult result = CaseRunner.run(Cases.builtIn().get(0), Backend.wrap(outOfBounds));
        assertThat(result.failures()).extracting(QuantityResult::describe).containsExactly("run: threw "
                + "java.lang.IllegalStateException: linear: backend 'broken-gemm-out-of-bounds' threw "
                + "java.lang.ArrayIndexOutOfBoundsException: Index 12 out of bounds for length 12");
    }

    @Test
    void anExceptionFromTheBackendIsAFailedQuantityNamingTheOp() {
        BrokenBackend outOfBounds = BrokenBackend.of("broken-out-of-bounds", delegate -> new DecoratedOps(delegate) {
            @Override
            public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
                throw new ArrayIndexOutOfBoundsException("Index 12 out of bounds for length 12");
            }
        });
        List<CaseResult> failed = failures(outOfBounds);
        assertThat(failed).isNotEmpty();
        CaseResult byHand = failed.stream().filter(r -> r.caseName().equals("rowBroadcast(MIN) float64 a [2, 3] v [2]"))
                .findFirst().orElseThrow();
        assertThat(byHand.failures()).singleElement().satisfies(q -> {
            assertThat(q.quantity()).isEqualTo("rowBroadcast(MIN)");
            assertThat(q.problem()).isEqualTo("threw java.lang.IllegalStateException: rowBroadcast(MIN): backend "
                    + "'broken-out-of-bounds' threw java.lang.ArrayIndexOutOfBoundsException: Index 12 out of bounds "
                    + "for length 12");
        });
    }
}
