package org.backprop4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Copies between Java arrays and a tensor's buffer, one overload per pair of element types: a
 * bulk copy where the array's type is the buffer's, a loop of single elements where it is not
 * (rounding to nearest, ties to even, into float; widening exactly into double). This is where
 * {@link Float32Elements} and {@link Float64Elements} differ by more than their element type, so
 * it is written here rather than generated; they call {@code copy} by name and the types pick the
 * overload. Elements {@code 0 .. n - 1} are copied, {@code n} the array's length; only the second
 * argument is written.
 */
final class BufferCopies {
    private BufferCopies() {
    }

    static void copy(double[] src, DoubleBuffer dst) {
        dst.put(0, src);
    }

    static void copy(double[] src, FloatBuffer dst) {
        for (int i = 0; i < src.length; i++) {
            dst.put(i, (float) src[i]);
        }
    }

    static void copy(float[] src, DoubleBuffer dst) {
        for (int i = 0; i < src.length; i++) {
            dst.put(i, src[i]);
        }
    }

    static void copy(float[] src, FloatBuffer dst) {
        dst.put(0, src);
    }

    static void copy(DoubleBuffer src, double[] dst) {
        src.get(0, dst);
    }

    static void copy(DoubleBuffer src, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) src.get(i);
        }
    }

    static void copy(FloatBuffer src, double[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src.get(i);
        }
    }

    static void copy(FloatBuffer src, float[] dst) {
        src.get(0, dst);
    }
}
