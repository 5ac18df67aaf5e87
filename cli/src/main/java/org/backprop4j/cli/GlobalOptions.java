package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.PluginPath;
import org.backprop4j.api.Selection;
import org.backprop4j.api.Setting;
import org.backprop4j.api.SettingSource;
import org.backprop4j.api.SettingValue;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after the command's name. Declared once on
 * {@link Main} with inherited scope; picocli sets them on this one object wherever they appear.
 * Each of {@code --backend}, {@code --threads} and {@code --plugin-path} wins over its system
 * property and environment variable ({@link Setting}).
 */
public final class GlobalOptions {
    /** What {@code --backend} (or its property or variable) says to run every available backend. */
    public static final String ALL = "all";

    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Backend to use (overrides -Dbackprop4j.backend and BACKPROP4J_BACKEND; default: the available "
                    + "one with the highest priority). conformance and bench take a comma-separated list, or all.")
    String backend;

    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Threads each backend may use for one op (overrides -Dbackprop4j.threads and BACKPROP4J_THREADS; "
                    + "default: each backend's own, one per processor for ejml and nd4j; naive uses one).")
    Integer threads;

    @Option(names = "--plugin-path", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Jar files and directories of jar files, separated by '${sys:path.separator}', holding "
                    + "backends from outside this installation (overrides -Dbackprop4j.plugin.path and "
                    + "BACKPROP4J_PLUGIN_PATH).")
    String pluginPath;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and debug logging.")
    boolean verbose;

    private Backends backends;

    /**
     * The discovered backends, found once per run: those on the class path and in the jars of
     * the plug-in path, with the thread setting.
     *
     * @throws UsageException for a plug-in path entry that does not exist or is not a jar, or a
     *                        {@code --threads} below 1
     */
    public Backends backends() {
        if (backends == null) {
            if (threads != null && threads < 1) {
                throw new UsageException("--threads (" + threads + ") must be >= 1");
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Optional<PluginPath> plugins = pluginPath();
            Backends found = Backends.discover(plugins.isEmpty() ? loader : plugins.get().classLoader(loader));
            backends = threads == null ? found : found.withThreads(threads);
        }
        return backends;
    }

    /**
     * The plug-in path that is set ({@code --plugin-path}, the system property, the environment
     * variable), its entries checked; empty when none is set.
     *
     * @throws UsageException for an entry that does not exist or is not a jar, naming the setting and the entry
     */
    public Optional<PluginPath> pluginPath() {
        Optional<SettingValue> setting = Setting.PLUGIN_PATH.lookup(pluginPath);
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        PluginPath path = PluginPath.parse(setting.get().value());
        try {
            path.jars();
        } catch (IllegalArgumentException e) {
            String origin = setting.get().source() == SettingSource.CODE ? Setting.PLUGIN_PATH.option() : setting.get().origin();
            throw new UsageException(origin + ": " + e.getMessage(), e);
        }
        return Optional.of(path);
    }

    /** The jars of the plug-in path ({@link #pluginPath()}), in order; empty when none is set. */
    public List<Path> pluginJars() {
        return pluginPath().map(PluginPath::jars).orElse(List.of());
    }

    /** The backend the precedence rules choose, given {@code --backend}. */
    public Backend selectBackend() {
        return backends().select(backend);
    }

    /**
     * For commands that run on several backends: the names the backend setting gives
     * ({@code --backend}, {@code -Dbackprop4j.backend} or {@code BACKPROP4J_BACKEND}, the first
     * that is set; a comma-separated list), each checked to be known and available, in the order
     * given; empty when none is set or it says {@value #ALL}, meaning every available backend.
     *
     * @throws org.backprop4j.api.BackendSelectionException for a name that is unknown or
     *                                                      unavailable, naming what set it
     */
    public List<String> namedBackends() {
        Optional<Selection> named = backends().named(backend);
        if (named.isEmpty() || named.get().name().equals(ALL)) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : named.get().name().split(",", -1)) {
            Selection one = new Selection(part.trim(), named.get().source(), part.trim());
            names.add(backends().check(one).name());
        }
        return new ArrayList<>(names);
    }

    /** The value of {@code --backend}, or null. */
    public String backendName() {
        return backend;
    }

    public boolean verbose() {
        return verbose;
    }
}
