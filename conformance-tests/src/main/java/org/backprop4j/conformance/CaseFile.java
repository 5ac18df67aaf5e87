package org.backprop4j.conformance;

import java.util.Objects;

/**
 * One case file of a run: the case it holds, or why it could not be used. A file that breaks the
 * format is kept in the run as a failure of its own, so it never stops the other cases.
 *
 * @param origin  where it came from (a file path, or {@code built-in:<path>} for the kit's cases)
 * @param parsed  the case, or null when {@code problem} is set
 * @param problem why the file was rejected, or null
 */
public record CaseFile(String origin, ConformanceCase parsed, CaseFormatException problem) {
    public CaseFile {
        Objects.requireNonNull(origin, "origin");
        if ((parsed == null) == (problem == null)) {
            throw new IllegalArgumentException("a case file has either a case or a problem, not both or neither");
        }
    }

    public static CaseFile of(ConformanceCase parsed) {
        return new CaseFile(parsed.origin(), parsed, null);
    }

    public static CaseFile rejected(CaseFormatException problem) {
        return new CaseFile(problem.origin(), null, problem);
    }

    public boolean isValid() {
        return parsed != null;
    }

    /** The case's name, or for a rejected file its origin. */
    public String displayName() {
        return parsed != null ? parsed.name() : origin;
    }

    @Override
    public String toString() {
        return parsed != null ? parsed.name() + " (" + origin + ")" : "rejected " + problem.getMessage();
    }
}
