package org.backprop4j.nn.loss;

import java.util.Locale;

/** How a loss reduces its elementwise terms, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The mean over all elements (PyTorch's default). */
    MEAN,
    /** The sum over all elements. */
    SUM;

    /** {@code mean} or {@code sum}, as in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code mean} or {@code sum}.
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static Reduction parse(String text) {
        for (Reduction r : values()) {
            if (r.id().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("reduction '" + text + "' is not supported; allowed: mean, sum");
    }
}
