package org.backprop4j.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.conformance.CaseFile;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.CaseRunner;
import org.backprop4j.conformance.Cases;
import org.backprop4j.conformance.ConformanceKit;
import org.backprop4j.conformance.QuantityResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit catches deliberately broken backends: each is run through the kit exactly as a backend
 * module runs it (its JUnit dynamic tests and its jqwik properties, with the JUnit Platform test
 * kit), and must fail, with messages naming the case, the quantity and the worst element. The
 * case-level assertions then pin down what exactly each breakage shows up in.
 */
class BrokenBackendsTest {

    // The kit as a broken backend's module would extend it. Static nested classes: surefire does
    // not run them on its own (they fail, on purpose); this test runs them.
    static class FlippedBiasGradientKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return BrokenBackend.FLIPPED_BIAS_GRADIENT;
        }
    }

    static class BatchMeanKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return BrokenBackend.BATCH_MEAN;
        }
    }

    static class IgnoredDerivativeKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return BrokenBackend.IGNORED_DERIVATIVE;
        }
    }

    static class HalfPrecisionKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return BrokenBackend.HALF_PRECISION;
        }
    }

    private static List<CaseFile> cases;

    @BeforeAll
    static void readCases() {
        cases = Cases.builtIn();
    }

    /** Display name -> failure message of every failed test of {@code kit} on {@code engine}. */
    private static Map<String, String> failures(String engine, Class<?> kit) {
        Events tests = EngineTestKit.engine(engine).selectors(selectClass(kit))
                .configurationParameter("jqwik.database", "target/.jqwik-database")
                .configurationParameter("jqwik.reporting.onlyfailures", "true")
                .execute().testEvents();
        return tests.failed().stream().collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(),
                BrokenBackendsTest::message, (a, b) -> a + "\n" + b));
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    /** The built-in cases on {@code provider}, by case name. */
    private static Map<String, CaseResult> results(BackendProvider provider) {
        Backend backend = Backend.wrap(provider);
        return cases.stream().map(c -> CaseRunner.run(c, backend))
                .collect(Collectors.toMap(CaseResult::caseName, r -> r));
    }

    private static List<String> failedQuantities(CaseResult r) {
        return r.failures().stream().map(QuantityResult::quantity).toList();
    }

    @Test
    void aFlippedBiasGradientFailsEveryCheckNamingTheBiasGradient() {
        Map<String, String> failed = failures("junit-jupiter", FlippedBiasGradientKit.class);
        assertThat(failed).containsKey("linear_6x4_batch5_mean_float64 [float64]");
        assertThat(failed.get("linear_6x4_batch5_mean_float64 [float64]"))
                .contains("case linear_6x4_batch5_mean_float64 [float64] on broken-flipped-bias-gradient")
                .contains("grads.0.bias [4]: 4 of 4 elements differ; worst [")
                .doesNotContain("grads.0.weight").doesNotContain("grads.input");
        assertThat(failed.keySet()).anyMatch(name -> name.startsWith("gradcheck linear(3, 4) relu"));
        assertThat(failures("jqwik", FlippedBiasGradientKit.class)).containsKeys(
                "agreement with naive on random networks [float32]", "agreement with naive on random networks [float64]",
                "gradcheck on random networks [float64]");

        Map<String, CaseResult> results = results(BrokenBackend.FLIPPED_BIAS_GRADIENT);
        assertThat(failedQuantities(results.get("linear_nobias_6x4_batch5_mean_float32"))).isEmpty();
        assertThat(failedQuantities(results.get("deep2_4x8x3_relu_batch6_mean_float64")))
                .containsExactly("grads.0.bias", "grads.2.bias");
    }

    @Test
    void aMeanOverTheBatchInsteadOfTheElementsFailsNamingTheGradients() {
        Map<String, String> failed = failures("junit-jupiter", BatchMeanKit.class);
        assertThat(failed.get("notebook_linear_10x2_batch8_mean_float32 [float32]"))
                .contains("on broken-batch-mean")
                .contains("grads.input [8, 10]: 80 of 80 elements differ; worst [")
                .contains("grads.0.weight [2, 10]").doesNotContain("loss");
        assertThat(failures("jqwik", BatchMeanKit.class)).isNotEmpty();

        Map<String, CaseResult> results = results(BrokenBackend.BATCH_MEAN);
        // only the mean's gradient is wrong: sum cases pass, and so do cases with one output per row
        assertThat(results.get("linear_6x4_batch5_sum_float64").passed()).isTrue();
        assertThat(results.get("linear_5x1_batch4_mean_float64").passed()).isTrue();
        assertThat(failedQuantities(results.get("linear_6x4_batch5_mean_float64")))
                .containsExactly("grads.input", "grads.0.weight", "grads.0.bias");
    }

    @Test
    void anIgnoredActivationDerivativeFailsEveryActivationButIdentity() {
        Map<String, String> failed = failures("junit-jupiter", IgnoredDerivativeKit.class);
        assertThat(failed.get("linear_sigmoid_6x4_batch5_mean_float64 [float64]"))
                .contains("on broken-ignored-derivative").contains("grads.input [5, 6]: 30 of 30 elements differ; worst [")
                .contains("grads.0.weight [4, 6]").contains("grads.0.bias [4]");
        assertThat(failed).doesNotContainKey("linear_identity_6x4_batch5_mean_float64 [float64]");
        assertThat(failed.keySet()).anyMatch(name -> name.startsWith("gradcheck linear(3, 4) tanh"));
        assertThat(failures("jqwik", IgnoredDerivativeKit.class)).isNotEmpty();

        Map<String, CaseResult> results = results(BrokenBackend.IGNORED_DERIVATIVE);
        for (String activation : List.of("relu", "leaky_relu_0p01", "sigmoid", "tanh")) {
            assertThat(results.get("linear_" + activation + "_6x4_batch5_mean_float32").failed()).as(activation).isTrue();
        }
        assertThat(results.get("linear_identity_6x4_batch5_sum_float32").passed()).isTrue();
        assertThat(results.get("linear_6x4_batch5_mean_float32").passed()).isTrue();
    }

    /**
     * The float32 cases built from short dyadic fractions so that every value is exact whatever the
     * summation order (Huber at exactly delta, L1 at exactly zero difference): they are exact in half
     * precision too, so rounding to it cannot fail them.
     */
    private static final java.util.Set<String> EXACT_IN_HALF_PRECISION = java.util.Set.of(
            "huber_delta1_at_delta_8x4_batch6_sum_float32", "l1_exact_zero_difference_8x4_batch6_sum_float32");

    @Test
    void halfPrecisionFloat32FailsEveryInexactFloat32CaseAndNoFloat64One() {
        Map<String, String> failed = failures("junit-jupiter", HalfPrecisionKit.class);
        assertThat(failed.get("linear_6x4_batch5_mean_float32 [float32]"))
                .contains("on broken-half-precision").contains("output [5, 4]").contains("elements differ; worst [");
        assertThat(failed.keySet()).allMatch(name -> name.endsWith("[float32]"));
        assertThat(failed.keySet()).doesNotContain(EXACT_IN_HALF_PRECISION.stream().map(n -> n + " [float32]")
                .toArray(String[]::new));
        Map<String, String> properties = failures("jqwik", HalfPrecisionKit.class);
        assertThat(properties).containsOnlyKeys("agreement with naive on random networks [float32]");

        Map<String, CaseResult> results = results(BrokenBackend.HALF_PRECISION);
        assertThat(results.values()).filteredOn(r -> r.dtype() == DType.FLOAT32)
                .filteredOn(r -> !EXACT_IN_HALF_PRECISION.contains(r.caseName())).allMatch(CaseResult::failed);
        assertThat(results.values()).filteredOn(r -> EXACT_IN_HALF_PRECISION.contains(r.caseName()))
                .hasSize(EXACT_IN_HALF_PRECISION.size()).allMatch(CaseResult::passed);
        assertThat(results.values()).filteredOn(r -> r.dtype() == DType.FLOAT64).allMatch(CaseResult::passed);
    }
}
