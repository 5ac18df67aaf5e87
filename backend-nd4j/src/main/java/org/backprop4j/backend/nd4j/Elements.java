package org.backprop4j.backend.nd4j;

import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.nd4j.linalg.api.buffer.DataBuffer;

/**
 * The elements of one tensor's native buffer, read and written from Java as {@code double}s
 * through a direct NIO view that is made once, when the tensor is made. Element {@code i} is
 * the {@code i}-th in row-major order.
 *
 * <p>This is how the backend's elementwise ops run: each op is a loop of its own over the typed
 * buffers of its tensors, with the op's arithmetic written out: about half a nanosecond per
 * element for arithmetic, nothing allocated, where an ND4J op costs microseconds and kilobytes of
 * Java objects per call ({@code benchmarks/results/backend-nd4j.md} has the figures). The loops
 * are {@link Float64Elements}', ordinary Java and the source of truth, and {@link Float32Elements}',
 * generated from it word by word by build-tools' {@code Float32Generator} ({@code double} becomes
 * {@code float}, {@code DoubleBuffer} {@code FloatBuffer}; the rules are in its class comment);
 * {@code GeneratedFloat32Test} fails when the float32 class is stale. After editing
 * {@code Float64Elements}, run {@code java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java
 * backend-nd4j/src/main/java/org/backprop4j/backend/nd4j/Float64Elements.java}. Copies, which
 * differ between the two by more than the element type, are {@link BufferCopies}'. A cast
 * {@code (double)} in {@code Float64Elements} rounds a value computed in double to the element
 * type. The receiver is the output; an argument
 * may be the receiver itself, since every loop reads element {@code i} of its inputs before it
 * writes element {@code i}. Arguments have the receiver's type.
 *
 * <p>{@code +}, {@code -}, {@code *}, {@code /}, MAX, MIN, ABS and SIGN are computed in the
 * element type, which for these gives the correctly rounded (or exact) result; so are the
 * written-out rules of LeakyReLU (the slope rounded to float) and of sigmoid's and tanh's
 * backward, as PyTorch's float32 kernels compute them. SQRT, EXP, LOG, the other activations,
 * {@code axpby} and {@code addScalar} are computed in {@code double} and rounded once, as the
 * reference backend does (for {@code +}, {@code -}, {@code *}, {@code /} and {@code sqrt} the two
 * are the same, since a {@code double} has more than twice a float's precision).
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
     * Every row of this matrix becomes a copy of {@code row}, whose length is the number of
     * columns: a bulk copy per row. {@code row} is not modified and must not be this buffer.
     */
    abstract void repeatRow(Elements row);

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
     * {@code this_i = test_i > 0 ? value_i : value_i * factor} for every element, with the same
     * integer mask as {@link #zeroWhereNotPositive}: LeakyReLU's forward rule with
     * {@code test = value = x} and its backward rule with {@code test = x}, {@code value = dy},
     * {@code factor} the negative slope ({@link org.backprop4j.api.Activation#LEAKY_RELU}; the
     * slope applies at 0 and for NaN). Computed in the element type: float32 multiplies by the
     * slope rounded to float, as PyTorch's float32 kernel does.
     */
    abstract void scaleWhereNotPositive(Elements test, Elements value, double factor);

    // ---- binary: this_i = a_i op b_i ---------------------------------------------------------

    abstract void add(Elements a, Elements b);

    abstract void subtract(Elements a, Elements b);

    abstract void multiply(Elements a, Elements b);

    abstract void divide(Elements a, Elements b);

    /** {@code Math.max}: NaN if either is NaN. */
    abstract void max(Elements a, Elements b);

    /** {@code Math.min}: NaN if either is NaN. */
    abstract void min(Elements a, Elements b);

    // ---- unary: this_i = op(a_i) ------------------------------------------------------------

    abstract void sqrt(Elements a);

    abstract void square(Elements a);

    abstract void exp(Elements a);

    abstract void log(Elements a);

    /** {@code +0.0} for {@code -0.0}. */
    abstract void abs(Elements a);

    /** -1, 1, {@code +0.0} for either zero, NaN for NaN. */
    abstract void sign(Elements a);

    // ---- rows of a [rows, cols], with this [rows] (maxOfRows) or [rows, cols] and v [rows] --

    /** {@code this_i = max_j a_ij}: NaN for a row holding NaN, {@code -Infinity} for a row of {@code -Infinity}. */
    abstract void maxOfRows(Elements a);

    /** {@code this_ij = a_ij + v_i}. */
    abstract void addColumn(Elements a, Elements v);

    /** {@code this_ij = a_ij - v_i}. */
    abstract void subtractColumn(Elements a, Elements v);

    /** {@code this_ij = a_ij v_i}. */
    abstract void multiplyColumn(Elements a, Elements v);

    /** {@code this_ij = a_ij / v_i}. */
    abstract void divideColumn(Elements a, Elements v);

    /** {@code this_ij = max(a_ij, v_i)}, NaN if either is NaN. */
    abstract void maxColumn(Elements a, Elements v);

    /** {@code this_ij = min(a_ij, v_i)}, NaN if either is NaN. */
    abstract void minColumn(Elements a, Elements v);

    // ---- activations -----------------------------------------------------------------------

    /** {@code this_i = f(x_i)} by {@link Activation#forward}, the reference rule. */
    abstract void forward(Activation f, Elements x);

    /** {@code this_i = dy_i f'(x_i)} by {@link Activation#backward}, the reference rule. */
    abstract void backward(Activation f, Elements x, Elements y, Elements dy);

    /** Sigmoid's backward rule written out, {@code this_i = dy_i (1 - y_i) y_i}, in the element type (as PyTorch). */
    abstract void sigmoidBackward(Elements y, Elements dy);

    /** Tanh's backward rule written out, {@code this_i = dy_i (1 - y_i^2)}, in the element type (as PyTorch). */
    abstract void tanhBackward(Elements y, Elements dy);

    // ---- updates and reductions ------------------------------------------------------------

    /**
     * {@code this_i = alpha x_i + beta this_i}; with {@code beta == 0}, {@code this} is not read.
     * {@code alpha == 0} is not special: {@code x} is read, and NaN or an infinity in it gives NaN.
     */
    abstract void axpby(double alpha, Elements x, double beta);

    /** {@code this_i = a_i + s}. */
    abstract void addScalar(Elements a, double s);

    /** {@code sum_i this_i}, accumulated in {@code double} in index order. */
    final double sum() {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += get(i);
        }
        return s;
    }

    // ---- copies ----------------------------------------------------------------------------

    /** Copies {@code src} into elements {@code 0 .. src.length - 1}, rounding as by {@link #set}. */
    abstract void copyFrom(double[] src);

    /** Copies {@code src} into elements {@code 0 .. src.length - 1}, widening exactly for float64. */
    abstract void copyFrom(float[] src);

    /** Copies elements {@code 0 .. dst.length - 1} into {@code dst}, widening exactly. */
    abstract void copyTo(double[] dst);

    /** Copies elements {@code 0 .. dst.length - 1} into {@code dst}, rounding to nearest for float64. */
    abstract void copyTo(float[] dst);
}
