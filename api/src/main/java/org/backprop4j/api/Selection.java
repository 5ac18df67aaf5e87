package org.backprop4j.api;

/**
 * The outcome of selecting a backend: which one and what decided it.
 *
 * @param name      the chosen backend's name
 * @param source    what decided it
 * @param requested the name as it was given (null for {@link SelectionSource#PRIORITY})
 */
public record Selection(String name, SelectionSource source, String requested) {
    /** One line for logs and reports, e.g. {@code ejml (environment variable BACKPROP4J_BACKEND=ejml)}. */
    public String describe() {
        return name + " (" + source.description() + (requested == null ? "" : "=" + requested) + ")";
    }
}
