// Generated from src/template/Elements.java.template (see its first lines): edit the template, not this file.
package org.backprop4j.backend.nd4j;

import java.nio.FloatBuffer;

/** The elements of a float32 buffer (see {@link Elements}). */
final class Float32Elements extends Elements {
    private final FloatBuffer buffer;

    Float32Elements(FloatBuffer buffer, int length) {
        super(length);
        this.buffer = buffer;
    }

    @Override
    double get(int i) {
        return buffer.get(i);
    }

    @Override
    void set(int i, double value) {
        buffer.put(i, (float) value); // Java's cast: round to nearest, ties to even
    }

    @Override
    void fill(double value) {
        buffer.put(0, (float) value);
        for (int filled = 1; filled < length; filled *= 2) { // copy the filled prefix after itself
            buffer.put(filled, buffer, 0, Math.min(filled, length - filled));
        }
    }

    @Override
    void zeroWhereNotPositive(Elements test, Elements value) {
        FloatBuffer t = ((Float32Elements) test).buffer;
        FloatBuffer v = ((Float32Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            int keep = t.get(i) <= 0 ? 0 : -1; // false for NaN: value kept
            buffer.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(v.get(i)) & keep));
        }
    }

    @Override
    void scaleWhereNotPositive(Elements test, Elements value, double factor) {
        FloatBuffer t = ((Float32Elements) test).buffer;
        FloatBuffer v = ((Float32Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            float x = v.get(i);
            int keep = t.get(i) > 0 ? -1 : 0; // 0 for NaN: scaled
            int kept = Float.floatToRawIntBits(x) & keep;
            int scaled = Float.floatToRawIntBits((float) (x * factor)) & ~keep;
            buffer.put(i, Float.intBitsToFloat(kept | scaled));
        }
    }

    @Override
    void copyFrom(double[] src) {
        for (int i = 0; i < src.length; i++) {
            buffer.put(i, (float) src[i]);
        }
    }

    @Override
    void copyFrom(float[] src) {
        buffer.put(0, src);
    }

    @Override
    void copyTo(double[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = buffer.get(i);
        }
    }

    @Override
    void copyTo(float[] dst) {
        buffer.get(0, dst);
    }
}
