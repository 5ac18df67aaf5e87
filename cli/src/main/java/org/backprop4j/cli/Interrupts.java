package org.backprop4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while {@code train} runs: the first asks the run to stop after the batch it is
 * training, so the command can save the best model so far with its checkpoint and exit 130; a
 * second ends the JVM at once with 130 (what was already written stays whole: every file is
 * written atomically). Installed for the command's run and restored after it.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}, exported for exactly this) is the only
 * way a JVM can handle SIGINT without starting to exit; a shutdown hook runs while the JVM exits.
 * Where the JVM does not let it be handled ({@code -Xrs}, or SIGINT ignored when the JVM started,
 * as for a background job of a shell script), the default stays: Ctrl-C ends the run as before.
 */
final class Interrupts implements AutoCloseable {
    private static final Signal SIGINT = new Signal("INT");

    private final AtomicInteger count = new AtomicInteger();
    private final PrintWriter err;
    private final SignalHandler previous;
    private volatile Runnable action = () -> { };

    private Interrupts(PrintWriter err, boolean handle) {
        this.err = err;
        SignalHandler old = null;
        if (handle) {
            try {
                old = Signal.handle(SIGINT, this::interrupted);
            } catch (IllegalArgumentException e) { // the JVM keeps SIGINT (-Xrs): leave its default
                old = null;
            }
        }
        this.previous = old;
    }

    /** Handles SIGINT until {@link #close()}. */
    static Interrupts install(PrintWriter err) {
        return new Interrupts(err, true);
    }

    /**
     * Leaves SIGINT as it is (Ctrl-C ends the JVM): for a run that cannot stop between batches and
     * save, {@code train --spark}. {@link #requested()} stays false.
     */
    static Interrupts none() {
        return new Interrupts(null, false);
    }

    /** What the first SIGINT does; run at once when one has already come. */
    void onInterrupt(Runnable stop) {
        action = stop;
        if (count.get() > 0) {
            stop.run();
        }
    }

    /** Whether a SIGINT has come. */
    boolean requested() {
        return count.get() > 0;
    }

    private void interrupted(Signal signal) {
        if (count.incrementAndGet() == 1) {
            err.println("backprop4j: interrupted: stopping after this batch to save the model "
                    + "(Ctrl-C again to quit at once)");
            err.flush();
            action.run();
        } else {
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(SIGINT, previous);
        }
    }
}
