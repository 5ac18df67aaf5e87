package org.backprop4j.cli;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after the command's name. Declared once on
 * {@link Main} with inherited scope; picocli sets them on this one object wherever they appear.
 */
public final class GlobalOptions {
    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Backend to use (overrides -Dbackprop4j.backend and BACKPROP4J_BACKEND; default: the available one with the highest priority).")
    String backend;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and debug logging.")
    boolean verbose;

    private Backends backends;

    /** The discovered backends, found once per run. */
    public Backends backends() {
        if (backends == null) {
            backends = Backends.discover();
        }
        return backends;
    }

    /** The backend the precedence rules choose, given {@code --backend}. */
    public Backend selectBackend() {
        return backends().select(backend);
    }

    /** The value of {@code --backend}, or null. */
    public String backendName() {
        return backend;
    }

    public boolean verbose() {
        return verbose;
    }
}
