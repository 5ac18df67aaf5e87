package org.backprop4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.backprop4j.nn.train.BatchProgress;
import org.backprop4j.nn.train.EpochResult;
import org.backprop4j.nn.train.TrainingListener;

/**
 * What {@code train} prints while it trains. On an interactive terminal, a progress bar redrawn
 * in place (epoch, step, running loss, samples per second) at most every
 * {@value #REDRAW_MILLIS} ms, and a line per finished epoch; otherwise only the line per epoch,
 * so logs and pipes get plain text.
 */
final class TrainingProgress implements TrainingListener {
    static final long REDRAW_MILLIS = 100;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean interactive;
    private long lastDraw;
    private int drawnWidth;

    /**
     * @param out         where to print
     * @param interactive true to draw a progress bar with carriage returns
     */
    TrainingProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onBatch(BatchProgress p) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        if (p.batch() != p.batches() && now - lastDraw < REDRAW_MILLIS) {
            return;
        }
        lastDraw = now;
        String line = bar(p);
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    /** e.g. {@code epoch  3/30 [#########...............]  17/45  loss 0.4123  48,210 samples/s}. */
    static String bar(BatchProgress p) {
        int filled = (int) ((long) BAR_WIDTH * p.batch() / p.batches());
        int digits = Integer.toString(p.epochs()).length();
        int stepDigits = Integer.toString(p.batches()).length();
        return String.format(Locale.ROOT, "epoch %" + digits + "d/%d [%s%s] %" + stepDigits + "d/%d  loss %.4f  %,.0f samples/s",
                p.epoch(), p.epochs(), "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), p.batch(), p.batches(),
                p.epochLoss(), p.samplesPerSecond());
    }

    @Override
    public void onEpoch(EpochResult r) {
        String line = line(r);
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())) + System.lineSeparator());
            drawnWidth = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** e.g. {@code epoch  3/30  loss 0.4123  val_loss 0.4521  48,210 samples/s  0.03 s}. */
    static String line(EpochResult r) {
        int digits = Integer.toString(r.epochs()).length();
        return String.format(Locale.ROOT, "epoch %" + digits + "d/%d  loss %.4f%s  %,.0f samples/s  %.2f s",
                r.epoch(), r.epochs(), r.trainingLoss(),
                r.hasValidation() ? String.format(Locale.ROOT, "  val_loss %.4f", r.validationLoss()) : "",
                r.samplesPerSecond(), r.nanos() / 1e9);
    }
}
