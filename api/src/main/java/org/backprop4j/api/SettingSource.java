package org.backprop4j.api;

/** Where a {@link Setting}'s value came from, in order of precedence. */
public enum SettingSource {
    /** Given in code (the CLI's option). */
    CODE,
    /** The setting's system property. */
    SYSTEM_PROPERTY,
    /** The setting's environment variable. */
    ENVIRONMENT
}
