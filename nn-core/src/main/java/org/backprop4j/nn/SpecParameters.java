package org.backprop4j.nn;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The fields of one layer or loss object of a case or model file, as a {@link LayerSpec} or
 * {@link LossSpec} variant reads them: by name, applying the format's default where the field is
 * absent. The implementation knows the file format ({@code SpecJson} for JSON) and reports a
 * missing, mistyped or disallowed value at its location; fields no variant asked for are rejected
 * by it afterwards, so a misspelt field is an error, never ignored.
 */
public interface SpecParameters {

    /**
     * A required integer {@code >= 1}.
     *
     * @throws SpecFormatException when absent or not such an integer
     */
    int positiveInt(String name) throws SpecFormatException;

    /**
     * {@code true} or {@code false}, or {@code defaultValue} when absent.
     *
     * @throws SpecFormatException when not a boolean
     */
    boolean bool(String name, boolean defaultValue) throws SpecFormatException;

    /**
     * A required finite number that {@code allowed} accepts.
     *
     * @param expected what is allowed, for the message, e.g. {@code a number in [0, 1)}
     * @throws SpecFormatException when absent, not a finite number, or not allowed
     */
    double number(String name, DoublePredicate allowed, String expected) throws SpecFormatException;

    /**
     * A finite number that {@code allowed} accepts, or {@code defaultValue} when absent.
     *
     * @throws SpecFormatException when not a finite number, or not allowed
     */
    double number(String name, double defaultValue, DoublePredicate allowed, String expected)
            throws SpecFormatException;

    /**
     * One of the strings {@code allowed}, or {@code defaultValue} when absent ({@code null}: required).
     *
     * @throws SpecFormatException when absent and required, not a string, or not allowed
     */
    String choice(String name, String defaultValue, List<String> allowed) throws SpecFormatException;

    /**
     * An optional tensor of one finite number per column of the network's output ({@code [out]}),
     * rounded to the file's dtype; null when absent.
     *
     * @throws SpecFormatException when it is not such a tensor, or the object has no output width to
     *                             check it against
     */
    double[] vector(String name) throws SpecFormatException;

    /** An exception locating {@code problem} at the field {@code name} of this object. */
    SpecFormatException invalid(String name, String problem);
}
