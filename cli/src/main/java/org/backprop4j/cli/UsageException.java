package org.backprop4j.cli;

/**
 * Bad input from the user (a missing file, a malformed CSV line, an unknown column): the CLI
 * prints the message as one line and exits with {@link ExitCodes#USAGE}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
