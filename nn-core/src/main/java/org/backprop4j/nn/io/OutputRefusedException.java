package org.backprop4j.nn.io;

import java.io.IOException;

/**
 * A model directory was not written because that would replace or lose something: the path is a
 * file, the directory already holds a model and replacing it was not asked for, or it holds
 * files that are not part of a model. Nothing was changed.
 */
public class OutputRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the directory was refused. */
    public enum Reason {
        /** The path exists and is not a directory, or cannot be created as one. */
        NOT_A_DIRECTORY,
        /** The directory holds a model's files and {@link ModelDirectoryWriter.Existing#REFUSE} was asked. */
        HOLDS_A_MODEL,
        /** The directory holds something that is not one of a model's files; it would be lost. */
        HOLDS_OTHER_FILES
    }

    private final Reason reason;

    /** @param message names the directory and what it is or holds */
    public OutputRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
