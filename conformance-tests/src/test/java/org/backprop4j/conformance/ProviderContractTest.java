package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.spi.BackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit checks the clauses of {@code BackendProvider}: a probe that throws is one failure in a
 * whole run of both kit classes (both engines), quoting the clause, and the rest is aborted rather
 * than failing again; a name users could never select fails its own test.
 */
class ProviderContractTest {

    // Run by this test through the JUnit Platform test kit, not by surefire (static nested classes).
    static class ThrowingProbeOpsTest extends BackendOpsContract {
        @Override
        protected BackendProvider provider() {
            return new ThrowingProbeProvider("throwing-probe");
        }
    }

    static class ThrowingProbeKit extends ConformanceKit {
        @Override
        protected BackendProvider provider() {
            return new ThrowingProbeProvider("throwing-probe");
        }
    }

    static class CapitalisedNameOpsTest extends BackendOpsContract {
        @Override
        protected BackendProvider provider() {
            return new Renamed("Naive Copy");
        }
    }

    /** The naive backend under another name, and an empty version. */
    private static final class Renamed extends NaiveTestDouble {
        Renamed(String name) {
            super(name, " ");
        }
    }

    /** Every event of running {@code kit} on {@code engine}: the tests' and the containers' (a test factory is one). */
    private static Events run(String engine, Class<?> kit) {
        return EngineTestKit.engine(engine).selectors(selectClass(kit))
                .configurationParameter("jqwik.database", "target/.jqwik-database")
                .execute().allEvents();
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    @Test
    void aProbeThatThrowsIsOneFailureQuotingTheClauseAcrossBothKitClassesAndEngines() {
        List<Events> runs = List.of(run("junit-jupiter", ThrowingProbeOpsTest.class),
                run("junit-jupiter", ThrowingProbeKit.class), run("jqwik", ThrowingProbeKit.class));
        List<Event> failed = new ArrayList<>();
        runs.forEach(events -> failed.addAll(events.failed().list()));
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getDisplayName())
                    .isEqualTo("provider: probe() never throws and create() works after it");
            assertThat(message(e)).isEqualTo("backend 'throwing-probe': probe() threw java.lang.UnsatisfiedLinkError: "
                    + "no jnifoo in java.library.path; the SPI says of " + ProviderContract.PROBE_CLAUSE);
        });
        // the ops contract ran its three provider clauses, then stopped: no op was run
        assertThat(runs.get(0).dynamicallyRegistered().count()).isEqualTo(4);
        // the kit's three test factories (cases, finite differences, dropout) are aborted, naming the failure
        // reported before; its three properties skipped
        assertThat(runs.get(1).aborted().list()).hasSize(3).allSatisfy(e -> assertThat(message(e))
                .startsWith("not run: backend 'throwing-probe': probe() threw java.lang.UnsatisfiedLinkError"));
        assertThat(runs.get(2).skipped().count()).isEqualTo(3);
    }

    @Test
    void aNameUsersCouldNotSelectAndABlankVersionFailTheirClausesOnly() {
        Events events = run("junit-jupiter", CapitalisedNameOpsTest.class);
        assertThat(events.dynamicallyRegistered().count()).isEqualTo(OpContract.checks().size() + 4);
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("provider: name() is lower case, without white space", "provider: version() is not blank");
        assertThat(events.failed().list()).extracting(ProviderContractTest::message).containsExactly(
                "backend provider " + Renamed.class.getName() + ": name() is 'Naive Copy'; the SPI says of "
                        + ProviderContract.NAME_CLAUSE,
                "backend provider " + Renamed.class.getName() + ": version() is ' '; the SPI says of "
                        + ProviderContract.VERSION_CLAUSE);
        assertThat(events.failed().count()).isEqualTo(2);
    }
}
