package org.backprop4j.cli;

/**
 * A run that could not finish, for a reason its message states in full: a prediction that is
 * not finite, a training run that diverged. The CLI prints the message as one line and exits
 * with {@link ExitCodes#FAILED}; unlike an unexpected error, it does not suggest {@code --verbose},
 * since the trace would add nothing.
 */
public class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
