package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.ProbeResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The clauses of {@link BackendProvider} that the kit checks, and the one way the kit's tests
 * make the backend under test from its provider.
 *
 * <p>When the backend cannot be made (its probe throws, returns null or says unavailable, or
 * {@code create()} throws), the first test of a JVM that needs it fails, with a message that
 * names the backend, says what happened and quotes the clause; every later test in that JVM that
 * needs the same provider is aborted (skipped) saying so, rather than failing again with the
 * same stack trace. So a backend module whose probe throws sees one failure, whichever of
 * {@link BackendOpsContract} and {@link ConformanceKit} runs first.
 */
final class ProviderContract {
    /** {@link BackendProvider#name()}'s clause. */
    static final String NAME_CLAUSE = "BackendProvider.name(): \"not blank, lower case, no white space\" "
            + "(users' names are lower-cased before they are looked up)";
    /** {@link BackendProvider#version()}'s clause. */
    static final String VERSION_CLAUSE = "BackendProvider.version(): \"not blank\" (for a backend that uses no "
            + "library, what it runs on, e.g. 'pure Java 17')";
    /** {@link BackendProvider#dtypes()}'s clause. */
    static final String DTYPES_CLAUSE = "BackendProvider.dtypes(): \"at least one\"";
    /** {@link BackendProvider#probe(org.backprop4j.api.spi.BackendSettings)}'s clause. */
    static final String PROBE_CLAUSE = "BackendProvider.probe(BackendSettings): \"Never throws: every failure, including "
            + "LinkageErrors, is returned as ProbeResult.unavailable; never returns null\"";
    /** {@link BackendProvider#create(org.backprop4j.api.spi.BackendSettings)}'s clause. */
    static final String CREATE_CLAUSE = "BackendProvider.create(BackendSettings): \"Called only after a successful "
            + "probe(BackendSettings) with the same settings, which has exercised what this needs, so it does not fail\"";

    /** The providers whose backend could not be made and whose failure was reported, by {@link #key}. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private ProviderContract() {
    }

    /** A clause of the contract and, when the provider breaks it, what it did (null when kept). */
    record Clause(String title, String text, String violation) {
    }

    /** The clauses checked without probing: {@code name()}, {@code version()}, {@code dtypes()}. */
    static List<Clause> clauses(BackendProvider provider) {
        List<Clause> clauses = new ArrayList<>();
        String name = provider.name();
        boolean nameKept = name != null && !name.isBlank() && name.equals(name.toLowerCase(Locale.ROOT))
                && name.chars().noneMatch(Character::isWhitespace);
        clauses.add(new Clause("name() is lower case, without white space", NAME_CLAUSE,
                nameKept ? null : "name() is " + quoted(name)));
        String version = provider.version();
        clauses.add(new Clause("version() is not blank", VERSION_CLAUSE,
                version != null && !version.isBlank() ? null : "version() is " + quoted(version)));
        Set<DType> dtypes = provider.dtypes();
        clauses.add(new Clause("dtypes() declares a dtype", DTYPES_CLAUSE,
                dtypes != null && !dtypes.isEmpty() && !dtypes.contains(null) ? null : "dtypes() is " + dtypes));
        return clauses;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /** Whether the backend of {@code provider} could not be made and that was reported in this JVM. */
    static boolean alreadyReported(BackendProvider provider) {
        return REPORTED.contains(key(provider));
    }

    /**
     * The backend under test: probes {@code provider} and, when it is available, wraps what
     * {@code create()} makes.
     *
     * @throws AssertionFailedError the first time in this JVM that the backend cannot be made,
     *                              naming the backend, what happened and the clause broken
     * @throws TestAbortedException every later time
     */
    static Backend backend(BackendProvider provider) {
        String name = provider.name();
        ProbeResult probe;
        try {
            probe = provider.probe();
        } catch (Throwable t) { // what the clause forbids: LinkageErrors are the usual ones
            throw cannotRun(provider, "backend '" + name + "': probe() threw " + t + "; the SPI says of "
                    + PROBE_CLAUSE, t);
        }
        if (probe == null) {
            throw cannotRun(provider, "backend '" + name + "': probe() returned null; the SPI says of " + PROBE_CLAUSE,
                    null);
        }
        if (!probe.available()) {
            throw cannotRun(provider, "backend '" + name + "' is unavailable here: " + probe.detail(), null);
        }
        try {
            return Backend.wrap(provider);
        } catch (RuntimeException | LinkageError e) {
            throw cannotRun(provider, "backend '" + name + "': create() threw " + e + " after probe() said \""
                    + probe + "\"; the SPI says of " + CREATE_CLAUSE, e);
        }
    }

    /** Always throws (the return type lets callers write {@code throw cannotRun(...)}). */
    private static RuntimeException cannotRun(BackendProvider provider, String message, Throwable cause) {
        if (REPORTED.add(key(provider))) {
            throw new AssertionFailedError(message, cause);
        }
        throw new TestAbortedException("not run: " + message + " (reported as a failure by the first test of this "
                + "run that needed the backend)");
    }

    private static String key(BackendProvider provider) {
        return provider.getClass().getName() + "/" + provider.name();
    }
}
