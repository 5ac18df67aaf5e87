package org.backprop4j.api.spi;

import java.util.Objects;
import java.util.OptionalInt;
import org.backprop4j.api.Setting;
import org.backprop4j.api.SettingValue;

/**
 * What the user asked of every backend, given to {@link BackendProvider#probe(BackendSettings)}
 * and {@link BackendProvider#create(BackendSettings)}. {@link org.backprop4j.api.Backends}
 * resolves it once per instance with the same precedence as the backend's name: code
 * ({@code Backends.withThreads}, the CLI's {@code --threads}), then the system property
 * {@code backprop4j.threads}, then the environment variable {@code BACKPROP4J_THREADS}, else
 * unset.
 *
 * <p>A backend applies what it can and says in its probe what it will use, e.g.
 * {@code 2 threads (default: one per processor)}. Libraries whose thread pools belong to the
 * whole process (EJML's, OpenBLAS's) take the count of the latest probe or create in the JVM;
 * a backend that always runs on the calling thread ignores the count and says so.
 *
 * @param threads the number of threads a backend may use for one op, at least 1; empty for the
 *                backend's own default (the built-in backends that use threads: one per processor)
 */
public record BackendSettings(OptionalInt threads) {
    private static final BackendSettings DEFAULTS = new BackendSettings(OptionalInt.empty());

    /**
     * @throws IllegalArgumentException for a thread count below 1
     */
    public BackendSettings {
        Objects.requireNonNull(threads, "threads");
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw new IllegalArgumentException("threads (" + threads.getAsInt() + ") must be >= 1");
        }
    }

    /** Nothing asked: every backend uses its own defaults. */
    public static BackendSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings a value of the thread setting ({@link Setting#THREADS}) gives.
     *
     * @throws IllegalArgumentException when the value is not an integer {@code >= 1}, naming
     *                                  where it came from and the value, e.g. {@code system
     *                                  property backprop4j.threads ('two') must be an integer >= 1}
     */
    public static BackendSettings ofThreadSetting(SettingValue value) {
        int count;
        try {
            count = Integer.parseInt(value.value().trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            throw new IllegalArgumentException(value.origin() + " ('" + value.value() + "') must be an integer >= 1");
        }
        return ofThreads(count);
    }

    /**
     * {@code threads} threads for every backend.
     *
     * @throws IllegalArgumentException for a count below 1
     */
    public static BackendSettings ofThreads(int threads) {
        return new BackendSettings(OptionalInt.of(threads));
    }
}
