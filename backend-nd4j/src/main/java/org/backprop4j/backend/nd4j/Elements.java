package org.backprop4j.backend.nd4j;

import org.backprop4j.api.DType;
import org.nd4j.linalg.api.buffer.DataBuffer;

/**
 * The elements of one tensor's native buffer, read and written from Java as {@code double}s
 * through a direct NIO view that is made once, when the tensor is made. Element {@code i} is
 * the {@code i}-th in row-major order.
 *
 * <p>This is how the backend's elementwise ops run: a plain loop over {@link #get} and
 * {@link #set}, about half a nanosecond per element for arithmetic, with nothing allocated,
 * where an ND4J op costs microseconds and kilobytes of Java objects per call (the module README
 * has the figures).
 * {@link #set} rounds to the tensor's type, so an op computes in {@code double} and rounds once
 * per element, as the reference backend does; for {@code +}, {@code -}, {@code *}, {@code /}
 * and {@code sqrt} that is the float32 operation's own correctly rounded result, since a
 * {@code double} has more than twice a float's precision.
 */
abstract sealed class Elements permits Float32Elements, Float64Elements {

    /** The view of {@code buffer}, which holds {@code dtype} elements. */
    static Elements of(DType dtype, DataBuffer buffer) {
        return switch (dtype) {
            case FLOAT32 -> new Float32Elements(buffer.asNioFloat(), Math.toIntExact(buffer.length()));
            case FLOAT64 -> new Float64Elements(buffer.asNioDouble(), Math.toIntExact(buffer.length()));
        };
    }

    /** The number of elements. */
    final int length;

    Elements(int length) {
        this.length = length;
    }

    /** Element {@code i}, widened exactly to {@code double}. */
    abstract double get(int i);

    /** Element {@code i} becomes {@code value}, rounded to nearest (ties to even) for float32. */
    abstract void set(int i, double value);

    /**
     * Every element becomes {@code value}, rounded as by {@link #set}: the first is set, then the
     * filled prefix is copied after itself (1, 2, 4, ... elements), so all but a few of the
     * writes are bulk copies within the buffer at memory speed, where a loop of single
     * {@code put}s, which C2 does not vectorise on a direct buffer, takes 0.27 ns per float.
     */
    abstract void fill(double value);

    /**
     * {@code this_i = test_i <= 0 ? +0.0 : value_i} for every element, where all three have this
     * one's type and length (any of them may be the same). That is ReLU's forward rule with
     * {@code test = value = x} and its backward rule with {@code test = y}, {@code value = dy}
     * ({@link org.backprop4j.api.Activation#RELU}: {@code max(x, 0)} is {@code +0.0} for
     * {@code x <= 0} and {@code x} otherwise, NaN included), written as an integer mask on the
     * bits of {@code value}: C2 compiles a select between two integers without a branch, but a
     * select between two floats with one, and on activations (about half of them negative) that
     * branch is mispredicted so often that the loop runs ten times slower (1.2 ms against 0.12
     * ms for 256 x 1024 float32 elements here).
     */
    abstract void zeroWhereNotPositive(Elements test, Elements value);

    /**
     * {@code this_i = test_i > 0 ? value_i : value_i * factor}, the product rounded as by
     * {@link #set}, for every element, with the same integer mask as
     * {@link #zeroWhereNotPositive}: LeakyReLU's forward rule with {@code test = value = x} and
     * its backward rule with {@code test = x}, {@code value = dy}, {@code factor} the negative
     * slope ({@link org.backprop4j.api.Activation#LEAKY_RELU}; the slope applies at 0 and for NaN).
     */
    abstract void scaleWhereNotPositive(Elements test, Elements value, double factor);

    /** Copies {@code src} into elements {@code 0 .. src.length - 1}, rounding as by {@link #set}. */
    abstract void copyFrom(double[] src);

    /** Copies {@code src} into elements {@code 0 .. src.length - 1}, widening exactly for float64. */
    abstract void copyFrom(float[] src);

    /** Copies elements {@code 0 .. dst.length - 1} into {@code dst}, widening exactly. */
    abstract void copyTo(double[] dst);

    /** Copies elements {@code 0 .. dst.length - 1} into {@code dst}, rounding to nearest for float64. */
    abstract void copyTo(float[] dst);
}
