package org.backprop4j.nn.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A filter stream that hands every {@link IOException} of a write or a flush to one hook, which
 * returns the exception to throw (the same one, or one naming the file). Arrays are passed to the
 * underlying stream whole, not byte by byte as {@link FilterOutputStream} does. {@link #close()}
 * is {@link FilterOutputStream}'s unless a subclass says otherwise.
 */
public abstract class ErrorHookOutputStream extends FilterOutputStream {

    protected ErrorHookOutputStream(OutputStream out) {
        super(out);
    }

    /** Called with each error of a write or flush; returns what to throw. Never returns null. */
    protected abstract IOException onError(IOException e);

    @Override
    public final void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw onError(e);
        }
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw onError(e);
        }
    }

    @Override
    public final void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw onError(e);
        }
    }
}
