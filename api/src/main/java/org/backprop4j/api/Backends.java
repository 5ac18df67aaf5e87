package org.backprop4j.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers tensor backends with {@link ServiceLoader} and selects one.
 *
 * <h2>Precedence</h2>
 * {@link #select(String)} takes the first of these that is set (non-blank):
 * <ol>
 *   <li>the name passed in code (the CLI's {@code --backend});</li>
 *   <li>the system property {@value #PROPERTY} ({@code -Dbackprop4j.backend=ejml});</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>otherwise the available backend with the highest {@link BackendProvider#priority()}
 *       (ties broken by name).</li>
 * </ol>
 * A name that is set but unknown or unavailable is an error ({@link BackendSelectionException}
 * listing every backend and its probe result); it never falls through to the next rule, so a
 * deployment that asks for {@code nd4j} never silently runs on something else.
 *
 * <h2>Laziness</h2>
 * Providers are light objects (see {@link BackendProvider}); {@link BackendProvider#probe()}
 * runs at most once per provider, only when its answer is needed, and
 * {@link BackendProvider#create()} only for a backend that is used. Selecting {@code naive}
 * by name never loads ND4J's native code. Each backend is created once per {@code Backends}
 * and shared; several backends work side by side.
 *
 * <p>The choice is logged once at INFO with what decided it. Thread-safe.
 */
public final class Backends {
    /** System property that names the backend: {@value}. */
    public static final String PROPERTY = "backprop4j.backend";
    /** Environment variable that names the backend: {@value}. */
    public static final String ENVIRONMENT_VARIABLE = "BACKPROP4J_BACKEND";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final Map<String, BackendProvider> providers;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final Map<String, Timed> probes = new ConcurrentHashMap<>();
    private final Map<String, Backend> created = new ConcurrentHashMap<>();
    private final Map<Selection, Boolean> logged = new ConcurrentHashMap<>();

    private record Timed(ProbeResult result, long millis) {
    }

    Backends(List<BackendProvider> found, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(BackendProvider::name)).forEach(p -> {
            BackendProvider twin = byName.putIfAbsent(p.name(), p);
            if (twin != null) {
                throw new BackendSelectionException("two backend providers share the name '" + p.name() + "': "
                        + twin.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one from the class path");
            }
        });
        this.providers = byName;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Finds every provider on the class path of the current thread's context class loader. */
    public static Backends discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Finds every provider visible to {@code loader}, reading the real system properties and environment. */
    public static Backends discover(ClassLoader loader) {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .forEach(found::add);
        return new Backends(found, System::getProperty, System::getenv);
    }

    /** Backends from an explicit list of providers, with no property or environment lookup. */
    public static Backends of(List<BackendProvider> providers) {
        return new Backends(providers, key -> null, key -> null);
    }

    /** The names of every discovered backend, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /** Every discovered backend with its probe result, highest priority first. Probes all of them. */
    public List<BackendInfo> describe() {
        List<BackendInfo> infos = new ArrayList<>();
        for (BackendProvider p : providers.values()) {
            Timed probe = probe(p);
            infos.add(new BackendInfo(p.name(), p.version(), p.priority(), p.dtypes(), probe.result(),
                    probe.millis(), p.getClass().getName()));
        }
        infos.sort(Comparator.comparingInt(BackendInfo::priority).reversed().thenComparing(BackendInfo::name));
        return infos;
    }

    /** The available backends' names, highest priority first. Probes all of them. */
    public List<String> availableNames() {
        return describe().stream().filter(i -> i.probe().available()).map(BackendInfo::name).toList();
    }

    /**
     * Decides which backend {@link #select(String)} would return, without creating it.
     *
     * @param explicitName a name from code, or null/blank to fall through to the next rule
     * @throws BackendSelectionException for an unknown or unavailable name, or none available
     */
    public Selection resolve(String explicitName) {
        Selection named = firstNamed(explicitName);
        if (named != null) {
            BackendProvider p = providers.get(named.name());
            if (p == null) {
                throw new BackendSelectionException("backend '" + named.requested() + "' ("
                        + named.source().description() + ") is unknown; " + listing());
            }
            ProbeResult probe = probe(p).result();
            if (!probe.available()) {
                throw new BackendSelectionException("backend '" + named.name() + "' ("
                        + named.source().description() + ") is unavailable here: " + probe.detail() + "; "
                        + listing());
            }
            return named;
        }
        List<BackendProvider> byPriority = new ArrayList<>(providers.values());
        byPriority.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        for (BackendProvider p : byPriority) {
            if (probe(p).result().available()) {
                return new Selection(p.name(), SelectionSource.PRIORITY, null);
            }
        }
        throw new BackendSelectionException("no backend is available; " + listing());
    }

    private Selection firstNamed(String explicitName) {
        String[] candidates = {explicitName, systemProperties.apply(PROPERTY), environment.apply(ENVIRONMENT_VARIABLE)};
        SelectionSource[] sources = {SelectionSource.EXPLICIT, SelectionSource.SYSTEM_PROPERTY, SelectionSource.ENVIRONMENT};
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] != null && !candidates[i].isBlank()) {
                return new Selection(candidates[i].trim().toLowerCase(Locale.ROOT), sources[i], candidates[i]);
            }
        }
        return null;
    }

    /** {@link #select(String)} with no name from code. */
    public Backend select() {
        return select(null);
    }

    /**
     * The backend chosen by the precedence rules above, created on first use. The choice and
     * what decided it are logged once at INFO.
     *
     * @throws BackendSelectionException as {@link #resolve(String)}
     */
    public Backend select(String explicitName) {
        Selection selection = resolve(explicitName);
        if (logged.putIfAbsent(selection, Boolean.TRUE) == null) {
            LOG.info("backprop4j backend: {}", selection.describe());
        }
        return get(selection.name());
    }

    /**
     * The named backend, created on first use, ignoring properties and environment; for code
     * that uses several backends side by side.
     *
     * @throws BackendSelectionException for an unknown or unavailable name
     */
    public Backend get(String name) {
        Objects.requireNonNull(name, "name");
        BackendProvider p = providers.get(name);
        if (p == null) {
            throw new BackendSelectionException("backend '" + name + "' is unknown; " + listing());
        }
        return created.computeIfAbsent(name, n -> {
            ProbeResult probe = probe(p).result();
            if (!probe.available()) {
                throw new BackendSelectionException("backend '" + n + "' is unavailable here: " + probe.detail()
                        + "; " + listing());
            }
            TensorOps ops = p.create();
            return new Backend(p, ops);
        });
    }

    /** Every available backend, created, highest priority first; the conformance suite compares them. */
    public List<Backend> all() {
        return availableNames().stream().map(this::get).toList();
    }

    /**
     * A table of every backend (name, version, priority, dtypes, probe result) and which one
     * {@link #select(String)} chooses with this name from code, and why.
     */
    public String report(String explicitName) {
        StringBuilder sb = new StringBuilder();
        List<BackendInfo> infos = describe();
        int nameWidth = "name".length();
        int versionWidth = "version".length();
        for (BackendInfo i : infos) {
            nameWidth = Math.max(nameWidth, i.name().length());
            versionWidth = Math.max(versionWidth, i.version().length());
        }
        String row = "%-" + nameWidth + "s  %-" + versionWidth + "s  %8s  %-15s  %s%n";
        sb.append(String.format(Locale.ROOT, row, "name", "version", "priority", "dtypes", "probe"));
        for (BackendInfo i : infos) {
            sb.append(String.format(Locale.ROOT, row, i.name(), i.version(), i.priority(), dtypeList(i),
                    i.probe() + " (" + i.probeMillis() + " ms)"));
        }
        sb.append("selected: ").append(resolve(explicitName).describe()).append(System.lineSeparator());
        return sb.toString();
    }

    private static String dtypeList(BackendInfo info) {
        return info.dtypes().stream().sorted().map(DType::id).reduce((a, b) -> a + "," + b).orElse("-");
    }

    private Timed probe(BackendProvider p) {
        return probes.computeIfAbsent(p.name(), n -> {
            long start = System.nanoTime();
            ProbeResult result;
            try {
                result = Objects.requireNonNull(p.probe(), "probe() returned null");
            } catch (Throwable t) { // a probe must never throw; LinkageErrors are the usual culprits
                result = ProbeResult.unavailable("probe threw " + t);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.debug("probed backend {}: {} in {} ms", n, result, millis);
            return new Timed(result, millis);
        });
    }

    private String listing() {
        if (providers.isEmpty()) {
            return "no backends were discovered (add a backend module such as backprop4j-backend-naive to the class path)";
        }
        StringBuilder sb = new StringBuilder("discovered backends: ");
        String sep = "";
        for (BackendProvider p : providers.values()) {
            sb.append(sep).append(p.name()).append(" [").append(probe(p).result()).append(']');
            sep = ", ";
        }
        return sb.toString();
    }
}
