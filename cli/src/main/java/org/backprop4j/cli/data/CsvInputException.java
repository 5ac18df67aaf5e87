package org.backprop4j.cli.data;

import org.backprop4j.cli.UsageException;

/**
 * A CSV input that cannot be used: missing, not a file, not UTF-8 text, malformed, or a value
 * that is not an acceptable number. The message names the file, and where it applies the line
 * (the header is line 1) and the column by number and name. The only error the CSV readers throw;
 * the command line prints it as one line and exits with 2.
 */
public class CsvInputException extends UsageException {
    private static final long serialVersionUID = 1L;

    public CsvInputException(String message) {
        super(message);
    }

    public CsvInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
