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

    static void arrayLength(String op, int length, Tensor t) {
        if (length != t.shape().size()) {
            throw new IllegalArgumentException(op + ": array has " + length + " elements; expected "
                    + t.shape().size() + " for shape " + t.shape());
        }
    }
}
