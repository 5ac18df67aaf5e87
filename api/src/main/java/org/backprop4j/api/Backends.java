package org.backprop4j.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers tensor backends with {@link ServiceLoader} and selects one.
 *
 * <h2>Where backends are found</h2>
 * {@link #discover()} finds every {@link BackendProvider} on the class path (of the current
 * thread's context class loader); {@link #discover(List)} also those in plug-in jars from
 * outside it ({@link PluginPath}); {@link #discover(ClassLoader)} those visible to a class
 * loader an application made itself. A backend found any of these ways is probed, selected and
 * reported like the built-in ones.
 *
 * <h2>Precedence</h2>
 * Every setting is read the same way ({@link Setting}): code, then system property, then
 * environment variable. {@link #select(String)} takes the first of these that is set (non-blank):
 * <ol>
 *   <li>the name passed in code (the CLI's {@code --backend});</li>
 *   <li>the system property {@value #PROPERTY} ({@code -Dbackprop4j.backend=ejml});</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>otherwise the available backend with the highest {@link BackendProvider#priority()}
 *       (ties broken by name).</li>
 * </ol>
 * Names match whatever their case. A name that is set but unknown or unavailable is an error
 * ({@link BackendSelectionException} listing every backend and its probe result); it never
 * falls through to the next rule, so a deployment that asks for {@code nd4j} never silently
 * runs on something else.
 *
 * <h2>Settings</h2>
 * Every backend gets the same {@link BackendSettings}, resolved once per instance: the thread
 * count from {@link #withThreads(int)} (the CLI's {@code --threads}), else the system property
 * {@code backprop4j.threads}, else the environment variable {@code BACKPROP4J_THREADS}, else
 * unset, when each backend uses its own default.
 *
 * <h2>Laziness</h2>
 * Providers are light objects (see {@link BackendProvider}); {@link BackendProvider#probe(BackendSettings)}
 * runs at most once per provider, only when its answer is needed, and
 * {@link BackendProvider#create(BackendSettings)} only for a backend that is used. Selecting
 * {@code naive} by name never loads ND4J's native code. Each backend is created once per
 * {@code Backends} and shared; several backends work side by side.
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
    private final Optional<SettingValue> threads;
    private final Map<String, Timed> probes = new ConcurrentHashMap<>();
    private final Map<String, Backend> created = new ConcurrentHashMap<>();
    private final Map<Selection, Boolean> logged = new ConcurrentHashMap<>();

    private record Timed(ProbeResult result, long millis) {
    }

    /**
     * @throws BackendSelectionException when two providers share a name
     */
    Backends(List<BackendProvider> found, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this(byName(found), systemProperties, environment, null);
    }

    private Backends(Map<String, BackendProvider> providers, UnaryOperator<String> systemProperties,
                     UnaryOperator<String> environment, String threadsFromCode) {
        this.providers = providers;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.threads = Setting.THREADS.lookup(threadsFromCode, systemProperties, environment);
    }

    private static Map<String, BackendProvider> byName(List<BackendProvider> found) {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(BackendProvider::name)).forEach(p -> {
            BackendProvider twin = byName.putIfAbsent(p.name(), p);
            if (twin != null) {
                throw new BackendSelectionException("two backend providers share the name '" + p.name() + "': "
                        + twin.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one from the class path or plug-in path");
            }
        });
        return byName;
    }


    /** Finds every provider on the class path of the current thread's context class loader. */
    public static Backends discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * Finds every provider on the class path of the current thread's context class loader and in
     * the jars of {@code pluginPath} ({@link PluginPath}: jar files and directories of jar files),
     * reading the real system properties and environment. The plug-ins' class loader has the
     * context class loader as its parent and stays open while the backends are used: call this
     * once per application.
     *
     * @param pluginPath jar files and directories of jars, in order; empty for the class path alone;
     *                   not modified
     * @throws IllegalArgumentException for an entry that does not exist or is not a jar, naming it
     */
    public static Backends discover(List<Path> pluginPath) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        return discover(pluginPath.isEmpty() ? parent : PluginPath.of(pluginPath).classLoader(parent));
    }

    /**
     * Finds every provider visible to {@code loader}, reading the real system properties and
     * environment; for applications that load backends with a class loader of their own.
     *
     * @throws BackendSelectionException when two providers share a name
     */
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

    /**
     * The same providers with the thread count set in code, which wins over the system property
     * and the environment variable. Nothing is probed or created yet in the copy.
     *
     * @param threads the number of threads every backend may use for one op
     * @throws IllegalArgumentException for a count below 1
     */
    public Backends withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
        }
        return new Backends(providers, systemProperties, environment, Integer.toString(threads));
    }

    /**
     * What every backend is probed and created with. The thread setting is read when this
     * instance is made and checked here, on first use, so that {@link #withThreads(int)} can
     * replace a wrong system property or environment variable.
     *
     * @throws IllegalArgumentException when the thread setting is not an integer {@code >= 1},
     *                                  naming where it came from
     */
    public BackendSettings settings() {
        return threads.map(BackendSettings::ofThreadSetting).orElse(BackendSettings.defaults());
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
                    probe.millis()));
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
        Optional<Selection> named = named(explicitName);
        if (named.isPresent()) {
            check(named.get());
            return named.get();
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

    /**
     * The backend name that is set, by the precedence above ({@code explicitName}, the system
     * property, the environment variable), lower-cased and trimmed, without checking that such a
     * backend exists; empty when none is set. For commands that run on several backends when
     * none is named.
     */
    public Optional<Selection> named(String explicitName) {
        return Setting.BACKEND.lookup(explicitName, systemProperties, environment).map(v -> new Selection(
                v.value().trim().toLowerCase(Locale.ROOT), source(v.source()), v.value()));
    }

    private static SelectionSource source(SettingSource source) {
        return switch (source) {
            case CODE -> SelectionSource.EXPLICIT;
            case SYSTEM_PROPERTY -> SelectionSource.SYSTEM_PROPERTY;
            case ENVIRONMENT -> SelectionSource.ENVIRONMENT;
        };
    }

    /**
     * Checks that the backend {@code named} names is known and available here, without
     * creating it; for commands that run on several backends a setting names. The errors name
     * what set it, as {@link #resolve(String)}'s do.
     *
     * @return {@code named}
     * @throws BackendSelectionException for an unknown or unavailable name
     */
    public Selection check(Selection named) {
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
     * The named backend (whatever the case of {@code name}), created on first use, ignoring
     * properties and environment; for code that uses several backends side by side.
     *
     * @throws BackendSelectionException for an unknown or unavailable name
     */
    public Backend get(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        BackendProvider p = providers.get(key);
        if (p == null) {
            throw new BackendSelectionException("backend '" + name + "' is unknown; " + listing());
        }
        return created.computeIfAbsent(key, n -> {
            ProbeResult probe = probe(p).result();
            if (!probe.available()) {
                throw new BackendSelectionException("backend '" + n + "' is unavailable here: " + probe.detail()
                        + "; " + listing());
            }
            TensorOps ops = p.create(settings());
            return new Backend(p, ops);
        });
    }

    /** Every available backend, created, highest priority first; the conformance suite compares them. */
    public List<Backend> all() {
        return availableNames().stream().map(this::get).toList();
    }

    /**
     * The thread setting and where it came from, e.g. {@code 2 (system property
     * backprop4j.threads=2)}, or {@code each backend's default} when none is set.
     *
     * @throws IllegalArgumentException when the property or variable is not an integer {@code >= 1}
     */
    public String describeThreads() {
        OptionalInt count = settings().threads();
        return count.isPresent() ? count.getAsInt() + " (" + threads.orElseThrow().describe() + ")"
                : "each backend's default";
    }

    private Timed probe(BackendProvider p) {
        Timed known = probes.get(p.name());
        if (known != null) {
            return known;
        }
        BackendSettings settings = settings(); // outside the catch below: a wrong setting is the user's error, not the probe's
        return probes.computeIfAbsent(p.name(), n -> {
            long start = System.nanoTime();
            ProbeResult result;
            try {
                result = Objects.requireNonNull(p.probe(settings), "probe() returned null");
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
            return "no backends were discovered (add a backend module such as backprop4j-backend-naive to the class path, "
                    + "or a backend's jar to the plug-in path)";
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
