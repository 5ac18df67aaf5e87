package org.backprop4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An output stream that passes everything on to another, except whole lines that start with a
 * given prefix. {@link Suite} sends JMH's output through one: every benchmark JVM starts with
 * this JVM's options, and with {@code --add-modules jdk.incubator.vector} (which the launcher
 * adds for the vector backend) each prints {@code WARNING: Using incubator modules: ...} on its
 * stderr, which JMH copies into its output once per fork.
 *
 * <p>A line is held back only while what has come of it could still be the prefix; as soon as
 * it cannot, it is passed on, so partial lines such as JMH's {@code # Warmup Iteration   1: }
 * show as they come. Not thread-safe; JMH writes its output from one thread at a time (a {@code PrintStream}
 * around it locks).
 */
final class DroppedLines extends OutputStream {
    private enum State { DECIDING, PASSING, DROPPING }

    private final OutputStream out;
    private final byte[] prefix;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private State state = State.DECIDING;

    /**
     * @param out    where the other lines go; written, flushed and closed through this stream
     * @param prefix the start of the lines to drop (not empty; compared as UTF-8 bytes)
     */
    DroppedLines(OutputStream out, String prefix) {
        this.out = Objects.requireNonNull(out, "out");
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        if (this.prefix.length == 0) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
    }

    @Override
    public void write(int b) throws IOException {
        switch (state) {
            case PASSING -> out.write(b);
            case DROPPING -> { }
            case DECIDING -> {
                held.write(b);
                int n = held.size();
                if (b != '\n' && n <= prefix.length && (byte) b == prefix[n - 1]) {
                    if (n == prefix.length) {
                        state = State.DROPPING;
                        held.reset();
                    }
                    return;
                }
                held.writeTo(out);
                held.reset();
                state = State.PASSING;
            }
        }
        if (b == '\n') {
            state = State.DECIDING;
        }
    }

    /** Flushes what has been passed on; a held-back start of a line stays until it is decided. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Passes on a held-back start of a line (it never became the whole prefix), then closes {@code out}. */
    @Override
    public void close() throws IOException {
        held.writeTo(out);
        held.reset();
        out.close();
    }
}
