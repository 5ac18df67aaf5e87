package org.backprop4j.api.spi;

import java.util.Objects;

/**
 * Whether a backend can run here, and why not when it cannot.
 *
 * @param available true when {@link BackendProvider#create()} is expected to work
 * @param detail    for an available backend, what was found (e.g. the native library's CPU
 *                  kernel); for an unavailable one, the reason, naming what is missing
 */
public record ProbeResult(boolean available, String detail) {
    public ProbeResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static ProbeResult available(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult unavailable(String reason) {
        return new ProbeResult(false, reason);
    }

    @Override
    public String toString() {
        return (available ? "available" : "unavailable") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
