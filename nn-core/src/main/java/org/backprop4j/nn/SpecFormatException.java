package org.backprop4j.nn;

/**
 * A layer, loss or other object of a case or model file that breaks the format: where it is (a
 * JSON path such as {@code $.model[2].p}, or {@code line 3, column 11} for text that is not JSON)
 * and what is wrong, naming the value found and what is allowed. Readers add the file's name.
 */
public final class SpecFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;

    public SpecFormatException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /** Where in the file, e.g. {@code $.loss.weight.data[3]}. */
    public String location() {
        return location;
    }

    /** What is wrong, e.g. {@code is "huge"; expected a number}. */
    public String problem() {
        return problem;
    }
}
