package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be written: the message is {@code "cannot write FILE: REASON"}, naming the file
 * the caller asked for (never a temporary name) and the operating system's reason
 * ({@link IoErrors#reason}). Whatever the file held before is still there, unchanged, when the
 * write went through {@link AtomicFile} or {@link ModelDirectoryWriter}.
 */
public class FileWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Wraps {@code cause}, which happened while writing {@code file}. */
    public FileWriteException(Path file, IOException cause) {
        super("cannot write " + file + ": " + IoErrors.reason(cause), cause);
        this.file = file;
    }

    /** The file that was being written. */
    public Path file() {
        return file;
    }
}
