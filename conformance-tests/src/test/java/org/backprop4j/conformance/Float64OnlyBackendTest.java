package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.backprop4j.api.spi.BackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A backend that declares one dtype only: the kit skips the other dtype's cases and property, and fails nothing. */
class Float64OnlyBackendTest {

    // Run by this test through the JUnit Platform test kit, not by surefire (a static nested class).
    static class Float64OnlyKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return new Float64OnlyProvider();
        }
    }

    private static Events run(String engine) {
        return EngineTestKit.engine(engine).selectors(selectClass(Float64OnlyKit.class))
                .configurationParameter("jqwik.database", "target/.jqwik-database")
                .execute().testEvents();
    }

    @Test
    void theFloat32CasesAreSkippedAndTheRestPass() {
        Events tests = run("junit-jupiter");
        assertThat(tests.failed().count()).isZero();
        // the float32 cases and the float32 dropout check
        assertThat(tests.aborted().count()).isEqualTo(184 + 1);
        // the float64 cases, the finite-difference networks and the float64 dropout check
        assertThat(tests.succeeded().count()).isEqualTo(184 + RandomNetworks.gradcheckCoverage(0).size() + 1);
    }

    @Test
    void theFloat32PropertyIsSkippedNotExhausted() {
        Events properties = run("jqwik");
        assertThat(properties.failed().count()).isZero();
        assertThat(properties.skipped().count()).isEqualTo(1);
        assertThat(properties.skipped().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly("agreement with naive on random networks [float32]");
        assertThat(properties.succeeded().count()).isEqualTo(2);
    }
}
