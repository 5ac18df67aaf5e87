package org.backprop4j.api;

/**
 * No backend could be selected: the name is unknown, the backend is unavailable here, or no
 * backend is available at all. The message lists every discovered backend with its probe result.
 */
public class BackendSelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendSelectionException(String message) {
        super(message);
    }
}
