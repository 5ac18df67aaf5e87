package org.backprop4j.nn.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * A stream that passes bytes through until a budget shared by every stream of one filter is
 * spent, then fails as a full disk does ({@code "No space left on device"}), having written
 * exactly the bytes before the failing one: the fault a file system gives when it fills up
 * mid-write.
 */
final class FailingOutputStream extends FilterOutputStream {
    static final String REASON = "No space left on device";

    private final long[] left;

    private FailingOutputStream(OutputStream out, long[] left) {
        super(out);
        this.left = left;
    }

    /**
     * A filter for {@link AtomicFile} and {@link ModelDirectoryWriter}: the streams it makes
     * fail once {@code budget} bytes have been written through all of them together.
     */
    static UnaryOperator<OutputStream> after(long budget) {
        long[] left = {budget};
        return out -> new FailingOutputStream(out, left);
    }

    @Override
    public void write(int b) throws IOException {
        if (left[0] <= 0) {
            throw new IOException(REASON);
        }
        left[0]--;
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int n = (int) Math.min(len, left[0]);
        out.write(b, off, n);
        left[0] -= n;
        if (n < len) {
            throw new IOException(REASON);
        }
    }
}
