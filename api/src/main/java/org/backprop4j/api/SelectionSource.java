package org.backprop4j.api;

/** What decided which backend {@link Backends#select} returned, in order of precedence. */
public enum SelectionSource {
    /** A name passed in code (the CLI's {@code --backend}). */
    EXPLICIT("named explicitly: --backend or in code"),
    /** The system property {@value Backends#PROPERTY}. */
    SYSTEM_PROPERTY("system property " + Backends.PROPERTY),
    /** The environment variable {@value Backends#ENVIRONMENT_VARIABLE}. */
    ENVIRONMENT("environment variable " + Backends.ENVIRONMENT_VARIABLE),
    /** Nothing named one: the available backend with the highest priority. */
    PRIORITY("highest priority among available backends");

    private final String description;

    SelectionSource(String description) {
        this.description = description;
    }

    /** For people: e.g. {@code environment variable BACKPROP4J_BACKEND}. */
    public String description() {
        return description;
    }
}
