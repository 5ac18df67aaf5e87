package org.backprop4j.bench;

import java.util.Optional;
import org.backprop4j.api.Backends;
import org.backprop4j.api.PluginPath;
import org.backprop4j.api.Setting;
import org.backprop4j.api.SettingValue;

/**
 * The backends a benchmark JVM can measure: those on its class path and those in the jars of
 * the plug-in path, which {@link Suite} passes to every fork as the system property
 * {@code backprop4j.plugin.path} (else the environment variable {@code BACKPROP4J_PLUGIN_PATH}
 * is read, as the CLI reads it), with the thread setting of the fork ({@code -Dbackprop4j.threads}).
 * So a benchmark measures an outside backend exactly as a built-in one.
 */
public final class BenchBackends {
    private BenchBackends() {
    }

    /**
     * Discovers the backends of this JVM and its plug-in path.
     *
     * @throws IllegalArgumentException for a plug-in path entry that does not exist or is not a jar
     */
    public static Backends discover() {
        Optional<SettingValue> path = Setting.PLUGIN_PATH.lookup(null);
        return path.isEmpty() ? Backends.discover() : Backends.discover(PluginPath.parse(path.get().value()).entries());
    }
}
