package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.ProbeResult;
import org.junit.jupiter.api.Test;

class BackendsTest {

    private static Backends backends(Map<String, String> properties, Map<String, String> env,
                                     BackendProvider... providers) {
        return new Backends(List.of(providers), properties::get, env::get);
    }

    private final FakeProvider low = FakeProvider.available("low", 10);
    private final FakeProvider high = FakeProvider.available("high", 200);
    private final FakeProvider mid = FakeProvider.available("mid", 100);

    @Test
    void withNothingNamedTheHighestPriorityAvailableWins() {
        Backends b = backends(Map.of(), Map.of(), low, high, mid);
        Selection s = b.resolve(null);
        assertThat(s.name()).isEqualTo("high");
        assertThat(s.source()).isEqualTo(SelectionSource.PRIORITY);
        assertThat(b.select().name()).isEqualTo("high");
    }

    @Test
    void anUnavailableBackendIsSkippedByPriority() {
        FakeProvider broken = new FakeProvider("broken", 999, ProbeResult.unavailable("no native library for sparc"));
        assertThat(backends(Map.of(), Map.of(), low, broken).resolve(null).name()).isEqualTo("low");
    }

    @Test
    void precedenceIsExplicitThenPropertyThenEnvironment() {
        Map<String, String> props = Map.of(Backends.PROPERTY, "mid");
        Map<String, String> env = Map.of(Backends.ENVIRONMENT_VARIABLE, "low");
        Backends all = backends(props, env, low, high, mid);
        assertThat(all.resolve("high")).isEqualTo(new Selection("high", SelectionSource.EXPLICIT, "high"));
        assertThat(all.resolve("high").describe()).isEqualTo("high (named explicitly: --backend or in code)");
        assertThat(all.resolve(null).describe()).isEqualTo("mid (system property backprop4j.backend=mid)");
        assertThat(all.resolve(null)).isEqualTo(new Selection("mid", SelectionSource.SYSTEM_PROPERTY, "mid"));
        assertThat(all.resolve("  ")).as("blank counts as not set").extracting(Selection::name).isEqualTo("mid");
        Backends envOnly = backends(Map.of(), env, low, high, mid);
        assertThat(envOnly.resolve(null)).isEqualTo(new Selection("low", SelectionSource.ENVIRONMENT, "low"));
        assertThat(envOnly.resolve(null).describe())
                .isEqualTo("low (environment variable BACKPROP4J_BACKEND=low)");
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(backends(Map.of(), Map.of(), low, high).resolve("HIGH").name()).isEqualTo("high");
        assertThat(backends(Map.of(Backends.PROPERTY, "Low"), Map.of(), low, high).select().name()).isEqualTo("low");
        assertThat(backends(Map.of(), Map.of(Backends.ENVIRONMENT_VARIABLE, " hIGH "), low, high).select().name())
                .isEqualTo("high");
    }

    @Test
    void anUnknownNameFailsListingEveryBackendWithItsProbe() {
        FakeProvider broken = new FakeProvider("broken", 5, ProbeResult.unavailable("libfoo.so not found"));
        Backends b = backends(Map.of(), Map.of(), low, broken);
        assertThatThrownBy(() -> b.select("nope"))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessage("backend 'nope' (named explicitly: --backend or in code) is unknown; discovered backends: "
                        + "broken [unavailable: libfoo.so not found], low [available: fake]");
    }

    @Test
    void aNamedUnavailableBackendFailsInsteadOfFallingThrough() {
        FakeProvider broken = new FakeProvider("broken", 5, ProbeResult.unavailable("libfoo.so not found"));
        Backends b = backends(Map.of(), Map.of(Backends.ENVIRONMENT_VARIABLE, "broken"), low, broken);
        assertThatThrownBy(b::select)
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("backend 'broken' (environment variable BACKPROP4J_BACKEND) is unavailable here: "
                        + "libfoo.so not found; discovered backends:");
    }

    @Test
    void aThrowingProbeIsReportedAsUnavailable() {
        FakeProvider throwing = new FakeProvider("throwing", 500, null,
                new IllegalStateException("native init failed"));
        Backends b = backends(Map.of(), Map.of(), low, throwing);
        assertThat(b.resolve(null).name()).isEqualTo("low");
        BackendInfo info = b.describe().get(0);
        assertThat(info.name()).isEqualTo("throwing");
        assertThat(info.probe().available()).isFalse();
        assertThat(info.probe().detail()).contains("native init failed");
    }

    @Test
    void noBackendAtAllIsAnError() {
        assertThatThrownBy(() -> backends(Map.of(), Map.of()).select())
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("no backend is available")
                .hasMessageContaining("no backends were discovered");
    }

    @Test
    void probesLazilyOnceAndCreatesOnlyWhatIsUsed() {
        Backends b = backends(Map.of(), Map.of(), low, high, mid);
        b.select("low");
        b.select("low");
        assertThat(low.probes.get()).isEqualTo(1);
        assertThat(low.creations.get()).isEqualTo(1);
        assertThat(high.probes.get()).as("a backend nobody asked for is not probed").isZero();
        assertThat(high.creations.get()).isZero();
        assertThat(mid.creations.get()).isZero();
    }

    @Test
    void severalBackendsSideBySide() {
        Backends b = backends(Map.of(), Map.of(), low, high, mid);
        List<Backend> all = b.all();
        assertThat(all).extracting(Backend::name).containsExactly("high", "mid", "low");
        assertThat(b.get("mid")).isSameAs(all.get(1));
        assertThat(all.get(0).ops()).isNotSameAs(all.get(1).ops());
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> backends(Map.of(), Map.of(), low, FakeProvider.available("low", 3)))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("two backend providers share the name 'low'");
    }

    @Test
    void reportListsEveryBackendAndTheChoice() {
        FakeProvider broken = new FakeProvider("broken", 5, ProbeResult.unavailable("libfoo.so not found"));
        String report = backends(Map.of(), Map.of(), low, high, broken).report(null);
        assertThat(report.lines()).hasSize(5);
        assertThat(report).contains("high ", "low ", "broken ", "unavailable: libfoo.so not found", "float32,float64")
                .contains("selected: high (highest priority among available backends)");
    }
}
