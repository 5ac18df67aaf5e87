package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
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
        Backends b = backends(Map.of(), Map.of(), low, high);
        assertThat(b.resolve("HIGH").name()).isEqualTo("high");
        assertThat(b.get(" High ").name()).isEqualTo("high");
        assertThat(b.get("HIGH")).isSameAs(b.get("high"));
        assertThat(backends(Map.of(Backends.PROPERTY, "Low"), Map.of(), low, high).resolve(null).name()).isEqualTo("low");
        assertThat(backends(Map.of(Backends.PROPERTY, "Low"), Map.of(), low, high).select().name()).isEqualTo("low");
        assertThat(backends(Map.of(), Map.of(Backends.ENVIRONMENT_VARIABLE, " hIGH "), low, high).select().name())
                .isEqualTo("high");
    }

    @Test
    void namedReportsTheSettingWithoutCheckingIt() {
        Backends b = backends(Map.of(), Map.of(Backends.ENVIRONMENT_VARIABLE, " Nope "), low);
        assertThat(b.named(null)).hasValue(new Selection("nope", SelectionSource.ENVIRONMENT, " Nope "));
        assertThat(b.named("low")).hasValue(new Selection("low", SelectionSource.EXPLICIT, "low"));
        assertThat(backends(Map.of(), Map.of(), low).named(" ")).isEmpty();
        assertThat(low.probes.get()).as("naming probes nothing").isZero();
    }

    @Test
    void resolvingASelectionChecksItWithoutCreatingAndNamesWhatSetIt() {
        Backends b = backends(Map.of(), Map.of(), low);
        Selection fromProperty = new Selection("low", SelectionSource.SYSTEM_PROPERTY, "low");
        assertThat(b.check(fromProperty)).isSameAs(fromProperty);
        assertThat(low.probes.get()).isOne();
        assertThat(low.creations.get()).isZero();
        assertThatThrownBy(() -> b.check(new Selection("nope", SelectionSource.SYSTEM_PROPERTY, "nope")))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("backend 'nope' (system property backprop4j.backend) is unknown; discovered backends: low");
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
    void theThreadSettingIsDescribedWithWhereItCameFrom() {
        assertThat(backends(Map.of(), Map.of(), low).describeThreads()).isEqualTo("each backend's default");
        assertThat(backends(Map.of("backprop4j.threads", "3"), Map.of(), low).describeThreads())
                .isEqualTo("3 (system property backprop4j.threads=3)");
        assertThat(backends(Map.of(), Map.of(), low).withThreads(2).describeThreads()).isEqualTo("2 (--threads or in code)");
    }

    @Test
    void withNoThreadSettingEveryProviderGetsTheDefaults() {
        Backends b = backends(Map.of(), Map.of(), low);
        assertThat(b.settings()).isEqualTo(BackendSettings.defaults());
        b.select("low");
        assertThat(low.probedWith.get()).isEqualTo(BackendSettings.defaults());
        assertThat(low.createdWith.get()).isEqualTo(BackendSettings.defaults());
    }

    @Test
    void threadsComeFromCodeThenPropertyThenEnvironmentAndReachProbeAndCreate() {
        Map<String, String> props = Map.of("backprop4j.threads", " 3 ");
        Map<String, String> env = Map.of("BACKPROP4J_THREADS", "4");
        assertThat(backends(Map.of(), env, low).settings().threads()).isEqualTo(OptionalInt.of(4));
        assertThat(backends(props, env, low).settings().threads()).isEqualTo(OptionalInt.of(3));
        Backends fromCode = backends(props, env, low, high).withThreads(2);
        assertThat(fromCode.settings()).isEqualTo(BackendSettings.ofThreads(2));
        fromCode.select("low");
        assertThat(low.probedWith.get()).isEqualTo(BackendSettings.ofThreads(2));
        assertThat(low.createdWith.get()).isEqualTo(BackendSettings.ofThreads(2));
        assertThat(high.probes.get()).as("the copy is as lazy as the original").isZero();
    }

    @Test
    void aThreadSettingThatIsNotAPositiveIntegerIsAnErrorNamingWhereItCameFrom() {
        Backends badProperty = backends(Map.of("backprop4j.threads", "two"), Map.of(), low);
        assertThatThrownBy(badProperty::select)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property backprop4j.threads ('two') must be an integer >= 1");
        assertThat(low.probes.get()).as("nothing is probed with a wrong setting").isZero();
        assertThatThrownBy(() -> backends(Map.of(), Map.of("BACKPROP4J_THREADS", "0"), low).describeThreads())
                .hasMessage("environment variable BACKPROP4J_THREADS ('0') must be an integer >= 1");
        Backends fine = backends(Map.of(), Map.of("BACKPROP4J_THREADS", "-1"), low).withThreads(1);
        assertThat(fine.settings().threads()).as("code wins; the variable is not read").isEqualTo(OptionalInt.of(1));
        assertThatThrownBy(() -> fine.withThreads(0)).hasMessage("threads (0) must be >= 1");
        assertThatThrownBy(() -> BackendSettings.ofThreads(-2)).hasMessage("threads (-2) must be >= 1");
    }

    @Test
    void everySettingIsReadByTheSameRule() {
        Map<String, String> props = Map.of("backprop4j.plugin.path", "/p.jar");
        Map<String, String> env = Map.of("BACKPROP4J_PLUGIN_PATH", "/e.jar", "BACKPROP4J_THREADS", "2");
        assertThat(Setting.PLUGIN_PATH.lookup("/c.jar", props::get, env::get))
                .hasValue(new SettingValue(Setting.PLUGIN_PATH, SettingSource.CODE, "/c.jar"));
        assertThat(Setting.PLUGIN_PATH.lookup(" ", props::get, env::get))
                .hasValue(new SettingValue(Setting.PLUGIN_PATH, SettingSource.SYSTEM_PROPERTY, "/p.jar"));
        assertThat(Setting.PLUGIN_PATH.lookup(null, Map.<String, String>of()::get, env::get).map(SettingValue::describe))
                .hasValue("environment variable BACKPROP4J_PLUGIN_PATH=/e.jar");
        assertThat(Setting.THREADS.lookup(null, props::get, env::get).map(SettingValue::origin))
                .hasValue("environment variable BACKPROP4J_THREADS");
        assertThat(Setting.BACKEND.lookup(null, props::get, env::get)).isEqualTo(Optional.empty());
    }
}
