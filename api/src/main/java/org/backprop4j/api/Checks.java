package org.backprop4j.api;

/** Argument checks shared by the {@link Backend} facade; each message names op, argument and value. */
final class Checks {
    private Checks() {
    }

    static void matrix(String op, String arg, Tensor t) {
        if (!t.shape().isMatrix()) {
            throw new IllegalArgumentException(op + ": " + arg + " is " + t.shape() + "; expected a matrix [rows, cols]");
        }
    }

    static void sameShape(String op, String arg, Tensor t, String refArg, Tensor ref) {
        if (!t.shape().equals(ref.shape())) {
            throw new IllegalArgumentException(op + ": " + arg + " is " + t.shape() + "; expected " + ref.shape()
                    + ", the shape of " + refArg);
        }
    }

    static void notAliased(String op, String outArg, Tensor out, String inArg, Tensor in) {
        if (out == in) {
            throw new IllegalArgumentException(op + ": " + outArg + " is the same tensor as " + inArg
                    + "; expected a distinct output tensor");
        }
    }

    /** {@code v} must be a vector {@code [rows]} of the matrix {@code a}: one element per row of {@code a}. */
    static void onePerRow(String op, String arg, Tensor v, Tensor a) {
        if (!v.shape().isVector() || v.shape().cols() != a.shape().rows()) {
            throw notOneEach(op, arg, v, a.shape().rows(), "row", a);
        }
    }

    /** {@code v} must be a vector {@code [cols]} of the matrix {@code a}: one element per column of {@code a}. */
    static void onePerColumn(String op, String arg, Tensor v, Tensor a) {
        if (!v.shape().isVector() || v.shape().cols() != a.shape().cols()) {
            throw notOneEach(op, arg, v, a.shape().cols(), "column", a);
        }
    }

    private static IllegalArgumentException notOneEach(String op, String arg, Tensor v, int length, String per, Tensor a) {
        return new IllegalArgumentException(op + ": " + arg + " is " + v.shape() + "; expected [" + length
                + "], one element per " + per + " of a " + a.shape());
    }

    static void arrayLength(String op, int length, Tensor t) {
        if (length != t.shape().size()) {
            throw new IllegalArgumentException(op + ": array has " + length + " elements; expected "
                    + t.shape().size() + " for shape " + t.shape());
        }
    }
}
