package org.backprop4j.cli;

/** The CLI's exit codes. */
public final class ExitCodes {
    /** Everything worked and every check passed. */
    public static final int OK = 0;
    /** A check failed (a conformance case, a metric target), or an unexpected error. */
    public static final int FAILED = 1;
    /** Bad usage or input: unknown option or backend, missing or malformed file. */
    public static final int USAGE = 2;
    /**
     * Ended by Ctrl-C (SIGINT): 128 + 2, as shells report it. {@code train} saves the best model so far
     * and its checkpoint first.
     */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
