package org.backprop4j.api;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A setting that code, a system property or an environment variable can give, read the same
 * way for every setting: the first of these that is set (not null, not blank) wins:
 * <ol>
 *   <li>the value given in code (the CLI's option, e.g. {@code --threads});</li>
 *   <li>the system property, e.g. {@code -Dbackprop4j.threads=2};</li>
 *   <li>the environment variable, e.g. {@code BACKPROP4J_THREADS=2};</li>
 * </ol>
 * otherwise the setting is not set and its default applies, which the user of the setting
 * documents ({@link Backends}: the highest-priority backend, each backend's own thread count, no
 * plug-ins). A value that is set but wrong is an error naming where it came from; it never falls
 * through to the next source.
 */
public enum Setting {
    /** The backend to use, by name. */
    BACKEND("--backend", "backprop4j.backend", "BACKPROP4J_BACKEND"),
    /** The number of threads a backend may use for one op ({@link org.backprop4j.api.spi.BackendSettings#threads()}). */
    THREADS("--threads", "backprop4j.threads", "BACKPROP4J_THREADS"),
    /** Jar files and directories of jar files to discover backends in ({@link PluginPath}). */
    PLUGIN_PATH("--plugin-path", "backprop4j.plugin.path", "BACKPROP4J_PLUGIN_PATH");

    private final String option;
    private final String property;
    private final String environmentVariable;

    Setting(String option, String property, String environmentVariable) {
        this.option = option;
        this.property = property;
        this.environmentVariable = environmentVariable;
    }

    /** The command-line option that gives it, e.g. {@code --threads}. */
    public String option() {
        return option;
    }

    /** The system property that gives it, e.g. {@code backprop4j.threads}. */
    public String property() {
        return property;
    }

    /** The environment variable that gives it, e.g. {@code BACKPROP4J_THREADS}. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /**
     * The first of {@code fromCode}, the system property and the environment variable that is
     * set (not null, not blank), by the precedence above; empty when none is. The value is
     * returned as given, untrimmed.
     *
     * @param fromCode    the value given in code, or null
     * @param properties  looks a system property up by name; null when unset
     * @param environment looks an environment variable up by name; null when unset
     */
    public Optional<SettingValue> lookup(String fromCode, UnaryOperator<String> properties,
                                         UnaryOperator<String> environment) {
        String[] values = {fromCode, properties.apply(property), environment.apply(environmentVariable)};
        SettingSource[] sources = SettingSource.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !values[i].isBlank()) {
                return Optional.of(new SettingValue(this, sources[i], values[i]));
            }
        }
        return Optional.empty();
    }

    /** {@link #lookup(String, UnaryOperator, UnaryOperator)} on this JVM's system properties and environment. */
    public Optional<SettingValue> lookup(String fromCode) {
        return lookup(fromCode, System::getProperty, System::getenv);
    }
}
