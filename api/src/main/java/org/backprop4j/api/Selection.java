package org.backprop4j.api;

/**
 * The outcome of selecting a backend: which one and what decided it.
 *
 * @param name      the chosen backend's name
 * @param source    what decided it
 * @param requested the name as it was given (null for {@link SelectionSource#PRIORITY})
 */
public record Selection(String name, SelectionSource source, String requested) {
    /**
     * One line for logs and reports, e.g. {@code ejml (environment variable BACKPROP4J_BACKEND=ejml)};
     * a property or variable is shown with the value it had.
     */
    public String describe() {
        boolean setting = source == SelectionSource.SYSTEM_PROPERTY || source == SelectionSource.ENVIRONMENT;
        return name + " (" + source.description() + (setting ? "=" + requested : "") + ")";
    }
}
