package org.backprop4j.api.spi;

import java.util.Set;
import org.backprop4j.api.Backends;
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
 *
 * <p>The conformance kit checks the clauses marked <i>(checked)</i> before anything else, each as
 * a test of its own; a provider that breaks one fails that test, once, quoting the clause. That
 * these methods load no native code the kit cannot see; {@code backend-nd4j}'s own tests check
 * it for {@code nd4j} with a recording class loader.
 */
public interface BackendProvider {

    /**
     * The name users select it by, e.g. {@code naive}, {@code ejml}: not blank, lower case
     * ({@code name.toLowerCase(Locale.ROOT)} is {@code name}), no white space <i>(checked)</i>.
     * Users' names are matched case-insensitively: {@link Backends#select(String)} lower-cases the
     * name it is given ({@code --backend EJML}, {@code -Dbackprop4j.backend=Ejml}) and looks that
     * up, so a provider whose name had a capital letter could never be selected by name. Two
     * providers on one class path must not share a name ({@link Backends} refuses them).
     */
    String name();

    /**
     * The version of what does the work, for reports, not blank <i>(checked)</i>: the library's,
     * e.g. {@code EJML 0.46.1}; for a backend that uses no library, what it runs on, e.g.
     * {@code pure Java 17} ({@code naive}), or its own version. Like {@link #name()} it is
     * known without loading the library: a compile-time constant, not a query.
     */
    String version();

    /**
     * Higher wins when nobody names a backend. The built-in order is documented in the README;
     * a third-party backend should pick a value that says where it belongs in that order.
     */
    int priority();

    /**
     * The element types it supports, at least one <i>(checked)</i>; the built-in backends support
     * both. The kit skips the checks in a dtype a backend does not declare.
     */
    Set<DType> dtypes();

    /**
     * Can this backend run here? Loads and exercises whatever {@link #create(BackendSettings)}
     * will need (native libraries, CPU features), applies {@code settings} as create would, and
     * reports the outcome, including the thread count it will use (e.g. {@code 2 threads
     * (default: one per processor)}). Never throws: every failure, including
     * {@link LinkageError}s, is returned as {@link ProbeResult#unavailable}; never returns null
     * <i>(checked: a probe that throws is one failure that quotes this sentence, and the other
     * tests of the kit are aborted, naming it)</i>.
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
     * after a successful {@link #probe(BackendSettings)} with the same settings, which has
     * exercised what this needs, so it does not fail <i>(checked)</i>.
     *
     * @param settings what the user asked of every backend; not modified
     */
    TensorOps create(BackendSettings settings);

    /** {@link #create(BackendSettings)} with {@link BackendSettings#defaults()}: the backend's own defaults. */
    default TensorOps create() {
        return create(BackendSettings.defaults());
    }
}
