package org.backprop4j.api;

import java.util.Objects;

/**
 * A {@link Setting} that is set, where it was set, and to what.
 *
 * @param setting the setting
 * @param source  where the value came from
 * @param value   the value as given (not blank, untrimmed)
 */
public record SettingValue(Setting setting, SettingSource source, String value) {
    public SettingValue {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Where the value came from, for people: {@code --threads or in code},
     * {@code system property backprop4j.threads} or {@code environment variable BACKPROP4J_THREADS}.
     */
    public String origin() {
        return switch (source) {
            case CODE -> setting.option() + " or in code";
            case SYSTEM_PROPERTY -> "system property " + setting.property();
            case ENVIRONMENT -> "environment variable " + setting.environmentVariable();
        };
    }

    /**
     * The origin with the value, as {@link Selection#describe()} shows a backend's:
     * {@code system property backprop4j.threads=2}, {@code environment variable BACKPROP4J_THREADS=2},
     * or for a value from code just {@code --threads or in code} (the value is shown beside it).
     */
    public String describe() {
        return source == SettingSource.CODE ? origin() : origin() + "=" + value;
    }
}
