package org.backprop4j.api.spi;

import java.util.Set;
import org.backprop4j.api.DType;

/**
 * A tensor backend's entry point, found with {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.backprop4j.api.spi.BackendProvider}.
 *
 * <p>Like {@code java.net.spi.InetAddressResolverProvider}, the provider is a light object and
 * the backend is made only in {@link #create()}. The constructor (public, no arguments) and
 * {@link #name()}, {@link #version()}, {@link #priority()} and {@link #dtypes()} must not load
 * native code or touch the backend's library at all, so that listing the backends of a JVM is
 * cheap and a backend nobody chose costs nothing. {@link #probe()} may load native code; the
 * facade calls it at most once per provider and only when it needs the answer.
 */
public interface BackendProvider {

    /** The name users select it by: lower case, no spaces, e.g. {@code naive}, {@code ejml}. */
    String name();

    /** The version of the library doing the work, e.g. {@code EJML 0.46.1}. */
    String version();

    /**
     * Higher wins when nobody names a backend. The built-in order is documented in the README;
     * a third-party backend should pick a value that says where it belongs in that order.
     */
    int priority();

    /** The element types it supports; the built-in backends support both. */
    Set<DType> dtypes();

    /**
     * Can this backend run here? Loads and exercises whatever {@link #create(BackendSettings)}
     * will need (native libraries, CPU features), applies {@code settings} as create would, and
     * reports the outcome, including the thread count it will use (e.g. {@code 2 threads
     * (default: one per processor)}). Never throws: every failure, including
     * {@link LinkageError}s, is returned as {@link ProbeResult#unavailable}.
     *
     * @param settings what the user asked of every backend; not modified
     */
    ProbeResult probe(BackendSettings settings);

    /** {@link #probe(BackendSettings)} with {@link BackendSettings#defaults()}: the backend's own defaults. */
    default ProbeResult probe() {
        return probe(BackendSettings.defaults());
    }

    /**
     * Makes the backend's ops, with {@code settings} applied (e.g. the thread count). Called only
     * after a successful {@link #probe(BackendSettings)} with the same settings.
     *
     * @param settings what the user asked of every backend; not modified
     */
    TensorOps create(BackendSettings settings);

    /** {@link #create(BackendSettings)} with {@link BackendSettings#defaults()}: the backend's own defaults. */
    default TensorOps create() {
        return create(BackendSettings.defaults());
    }
}
