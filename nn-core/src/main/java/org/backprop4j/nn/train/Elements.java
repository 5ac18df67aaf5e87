package org.backprop4j.nn.train;

import org.backprop4j.api.DType;

/**
 * Numbers held in the dtype a model computes in: a {@code float[]} for float32 (half the memory
 * of doubles, and exactly the values a float32 tensor would hold) or a {@code double[]} for
 * float64. Immutable once made.
 */
final class Elements {
    private final double[] doubles;
    private final float[] floats;

    private Elements(double[] doubles, float[] floats) {
        this.doubles = doubles;
        this.floats = floats;
    }

    /** {@code values} copied, rounded to float32 for {@link DType#FLOAT32}; {@code values} is not modified. */
    static Elements of(DType dtype, double[] values) {
        return switch (dtype) {
            case FLOAT64 -> new Elements(values.clone(), null);
            case FLOAT32 -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                yield new Elements(null, f);
            }
        };
    }

    /** {@code length} zeros of {@code dtype}, to be filled by {@link #copyRowsFrom}. */
    static Elements zeros(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT64 -> new Elements(new double[length], null);
            case FLOAT32 -> new Elements(null, new float[length]);
        };
    }

    DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    int length() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Bytes the values take. */
    long bytes() {
        return (long) length() * dtype().bytes();
    }

    /** Widens {@code count} values from {@code from} into {@code dst} at {@code at} (exactly: a float widens without rounding). */
    void copyTo(int from, double[] dst, int at, int count) {
        if (floats == null) {
            System.arraycopy(doubles, from, dst, at, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[at + i] = floats[from + i];
        }
    }

    /** Copies {@code count} values from {@code src} at {@code from} to this at {@code at}; the same dtype on both sides. */
    void copyRowsFrom(Elements src, int from, int at, int count) {
        if (floats != null) {
            System.arraycopy(src.floats, from, floats, at, count);
        } else {
            System.arraycopy(src.doubles, from, doubles, at, count);
        }
    }

    /** Every value widened to double; a new array. */
    double[] toDoubles() {
        double[] out = new double[length()];
        copyTo(0, out, 0, out.length);
        return out;
    }
}
