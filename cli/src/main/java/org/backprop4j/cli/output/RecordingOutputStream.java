package org.backprop4j.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import org.backprop4j.nn.io.ErrorHookOutputStream;

/**
 * A stream that remembers its first failure. A {@link java.io.PrintWriter} (like
 * {@code System.out}) swallows write errors and keeps only a flag, so output written through one
 * to a full disk or a closed pipe would pass for written; under it, this stream keeps the error
 * itself, with its reason ({@code "No space left on device"}), for the caller to report.
 */
public final class RecordingOutputStream extends ErrorHookOutputStream {
    private volatile IOException failure;

    public RecordingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    protected IOException onError(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /** The first error a write or flush threw, or null when every one succeeded. */
    public IOException failure() {
        return failure;
    }
}
