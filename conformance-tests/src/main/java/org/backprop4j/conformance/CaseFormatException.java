package org.backprop4j.conformance;

/**
 * A case file that breaks the case format: which file, where in it (a JSON location such as
 * {@code $.params["0.weight"].data}, or a line and column for malformed JSON), and what is wrong.
 */
public final class CaseFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String location;
    private final String problem;

    public CaseFormatException(String origin, String location, String problem) {
        super(origin + ": " + location + ": " + problem);
        this.origin = origin;
        this.location = location;
        this.problem = problem;
    }

    /** The file or resource. */
    public String origin() {
        return origin;
    }

    /** Where in the file, e.g. {@code $.model[2].in}. */
    public String location() {
        return location;
    }

    /** What is wrong, naming the value found and what is allowed. */
    public String problem() {
        return problem;
    }
}
