// Generated from src/template/Elements.java.template (see its first lines): edit the template, not this file.
package org.backprop4j.backend.nd4j;

import java.nio.DoubleBuffer;

/** The elements of a float64 buffer (see {@link Elements}). */
final class Float64Elements extends Elements {
    private final DoubleBuffer buffer;

    Float64Elements(DoubleBuffer buffer, int length) {
        super(length);
        this.buffer = buffer;
    }

    @Override
    double get(int i) {
        return buffer.get(i);
    }

    @Override
    void set(int i, double value) {
        buffer.put(i, value);
    }

    @Override
    void fill(double value) {
        buffer.put(0, value);
        for (int filled = 1; filled < length; filled *= 2) { // copy the filled prefix after itself
            buffer.put(filled, buffer, 0, Math.min(filled, length - filled));
        }
    }

    @Override
    void zeroWhereNotPositive(Elements test, Elements value) {
        DoubleBuffer t = ((Float64Elements) test).buffer;
        DoubleBuffer v = ((Float64Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            long keep = t.get(i) <= 0 ? 0L : -1L; // false for NaN: value kept
            buffer.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(v.get(i)) & keep));
        }
    }

    @Override
    void scaleWhereNotPositive(Elements test, Elements value, double factor) {
        DoubleBuffer t = ((Float64Elements) test).buffer;
        DoubleBuffer v = ((Float64Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            double x = v.get(i);
            long keep = t.get(i) > 0 ? -1L : 0L; // 0 for NaN: scaled
            long kept = Double.doubleToRawLongBits(x) & keep;
            long scaled = Double.doubleToRawLongBits((x * factor)) & ~keep;
            buffer.put(i, Double.longBitsToDouble(kept | scaled));
        }
    }

    @Override
    void copyFrom(double[] src) {
        buffer.put(0, src);
    }

    @Override
    void copyFrom(float[] src) {
        for (int i = 0; i < src.length; i++) {
            buffer.put(i, src[i]);
        }
    }

    @Override
    void copyTo(double[] dst) {
        buffer.get(0, dst);
    }

    @Override
    void copyTo(float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) buffer.get(i);
        }
    }
}
