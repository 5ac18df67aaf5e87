package org.backprop4j.api;

import java.util.Locale;

/**
 * The element type of a tensor. Every backend supports both.
 *
 * <p>The names are PyTorch's ({@code torch.float32}, {@code torch.float64}) so that case files,
 * model files and command-line options read the same in both worlds.
 */
public enum DType {
    /** IEEE 754 binary32; 24-bit significand, machine epsilon 2^-23 (about 1.19e-7). */
    FLOAT32("float32", Float.BYTES),
    /** IEEE 754 binary64; 53-bit significand, machine epsilon 2^-52 (about 2.22e-16). */
    FLOAT64("float64", Double.BYTES);

    private final String id;
    private final int bytes;

    DType(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    /** The name used in files and on the command line: {@code float32} or {@code float64}. */
    public String id() {
        return id;
    }

    /** Size of one element in bytes: 4 or 8. */
    public int bytes() {
        return bytes;
    }

    /**
     * Rounds {@code value} to this type: to the nearest float for {@link #FLOAT32}
     * (round-half-even, as a Java {@code (float)} cast), unchanged for {@link #FLOAT64}.
     */
    public double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }

    /**
     * Parses {@code float32} or {@code float64} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static DType parse(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (DType t : values()) {
                if (t.id.equals(wanted)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("dtype '" + text + "' is not supported; allowed: float32, float64");
    }

    @Override
    public String toString() {
        return id;
    }
}
