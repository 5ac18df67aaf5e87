package org.backprop4j.api;

import java.util.Objects;
import java.util.Set;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.TensorOps;

/**
 * A tensor backend as users and {@code nn-core} see it: the ops, with every argument checked.
 *
 * <p>Every op checks its arguments before the backend sees them, so a mistake fails the same
 * way on every backend, with a message that names the op, what was found and what was
 * expected: mismatched shapes, mixed dtypes, tensors of another backend, or an output that
 * aliases an input where that is not allowed. {@code IllegalArgumentException} is thrown for
 * all of these.
 *
 * <p>Ops write into output tensors the caller passes ({@code out}, {@code y}, {@code c}), so a
 * training step can reuse its buffers. Elementwise ops may write in place (an output may be
 * the same tensor as an input); {@link #gemm} may not.
 *
 * <p>Instances come from {@link Backends}; several may be used side by side in one JVM.
 */
public final class Backend {
    private final String name;
    private final String version;
    private final Set<DType> dtypes;
    private final TensorOps ops;

    Backend(BackendProvider provider, TensorOps ops) {
        this(provider.name(), provider.version(), provider.dtypes(), ops);
    }

    /**
     * Wraps {@code ops} directly, without discovery; for tests of a backend under development
     * and for the conformance kit. Users get backends from {@link Backends}.
     */
    public static Backend wrap(BackendProvider provider) {
        return new Backend(provider, provider.create());
    }

    Backend(String name, String version, Set<DType> dtypes, TensorOps ops) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
        this.dtypes = Set.copyOf(dtypes);
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /** The name it was selected by, e.g. {@code naive}. */
    public String name() {
        return name;
    }

    /** The version of the library doing the work. */
    public String version() {
        return version;
    }

    /** The element types it supports. */
    public Set<DType> dtypes() {
        return dtypes;
    }

    /** The ops table behind this facade (for backend authors' tests; users need not touch it). */
    public TensorOps ops() {
        return ops;
    }

    // ---- storage ---------------------------------------------------------------------------

    /** A new tensor, every element {@code +0.0}. */
    public Tensor zeros(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (!dtypes.contains(dtype)) {
            throw new IllegalArgumentException("zeros: backend '" + name + "' does not support dtype "
                    + dtype + "; it supports " + dtypes);
        }
        Tensor t = ops.zeros(dtype, shape);
        if (t.owner() != ops || !t.shape().equals(shape) || t.dtype() != dtype) {
            throw new IllegalStateException("backend '" + name + "' made a tensor of " + t.dtype() + " "
                    + t.shape() + " owned by " + t.owner() + " when asked for " + dtype + " " + shape);
        }
        return t;
    }

    /** A new {@code [rows, cols]} matrix of zeros. */
    public Tensor zeros(DType dtype, int rows, int cols) {
        return zeros(dtype, Shape.matrix(rows, cols));
    }

    /** A new tensor holding {@code data} (row-major), rounded to float32 for {@link DType#FLOAT32}. */
    public Tensor fromArray(DType dtype, Shape shape, double... data) {
        Tensor t = zeros(dtype, shape);
        copyIn(data, t);
        return t;
    }

    /** A new tensor holding {@code data} (row-major), widened exactly for {@link DType#FLOAT64}. */
    public Tensor fromArray(DType dtype, Shape shape, float... data) {
        Tensor t = zeros(dtype, shape);
        copyIn(data, t);
        return t;
    }

    /** Copies {@code src} (row-major, {@code dst.shape().size()} elements) into {@code dst}. */
    public void copyIn(double[] src, Tensor dst) {
        Checks.arrayLength("copyIn", src.length, own("copyIn", "dst", dst));
        ops.copyIn(src, dst);
    }

    /** Copies {@code src} (row-major, {@code dst.shape().size()} elements) into {@code dst}. */
    public void copyIn(float[] src, Tensor dst) {
        Checks.arrayLength("copyIn", src.length, own("copyIn", "dst", dst));
        ops.copyIn(src, dst);
    }

    /** Copies the elements of {@code src} into {@code dst} (row-major). */
    public void copyOut(Tensor src, double[] dst) {
        Checks.arrayLength("copyOut", dst.length, own("copyOut", "src", src));
        ops.copyOut(src, dst);
    }

    /** Copies the elements of {@code src} into {@code dst} (row-major), rounding float64 to float. */
    public void copyOut(Tensor src, float[] dst) {
        Checks.arrayLength("copyOut", dst.length, own("copyOut", "src", src));
        ops.copyOut(src, dst);
    }

    /** The elements of {@code t} in row-major order, widened to double. */
    public double[] toDoubleArray(Tensor t) {
        double[] out = new double[own("toDoubleArray", "t", t).shape().size()];
        ops.copyOut(t, out);
        return out;
    }

    /** The elements of {@code t} in row-major order, rounded to float. */
    public float[] toFloatArray(Tensor t) {
        float[] out = new float[own("toFloatArray", "t", t).shape().size()];
        ops.copyOut(t, out);
        return out;
    }

    /**
     * A copy of {@code t} on this backend, with the same shape and dtype; {@code t} may belong to
     * any backend. Values are copied exactly.
     */
    public Tensor transfer(Tensor t) {
        Objects.requireNonNull(t, "t");
        Tensor copy = zeros(t.dtype(), t.shape());
        if (t.dtype() == DType.FLOAT32) {
            float[] data = new float[t.shape().size()];
            t.owner().copyOut(t, data);
            ops.copyIn(data, copy);
        } else {
            double[] data = new double[t.shape().size()];
            t.owner().copyOut(t, data);
            ops.copyIn(data, copy);
        }
        return copy;
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * General matrix multiply: {@code c = alpha op(a) op(b) + beta c}, where {@code op(m)} is
     * {@code m^T} when its flag is set and {@code m} otherwise; {@code c_ij = alpha sum_k
     * op(a)_ik op(b)_kj + beta c_ij}. No transpose is materialised: backward passes use
     * {@code dW += dY^T X} ({@code transposeA}) and {@code dX = dY W}.
     *
     * <p>When {@code beta == 0}, {@code c} is not read (so NaN in it does not propagate), as in
     * BLAS. {@code a}, {@code b}, {@code c} are matrices; {@code c} is written and must not be
     * {@code a} or {@code b}.
     */
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB,
                     double beta, Tensor c) {
        String op = "gemm";
        sameDType(op, own(op, "a", a), own(op, "b", b), own(op, "c", c));
        Checks.matrix(op, "a", a);
        Checks.matrix(op, "b", b);
        Checks.matrix(op, "c", c);
        Checks.notAliased(op, "c", c, "a", a);
        Checks.notAliased(op, "c", c, "b", b);
        int m = transposeA ? a.shape().cols() : a.shape().rows();
        int ka = transposeA ? a.shape().rows() : a.shape().cols();
        int kb = transposeB ? b.shape().cols() : b.shape().rows();
        int n = transposeB ? b.shape().rows() : b.shape().cols();
        if (ka != kb) {
            throw new IllegalArgumentException(op + ": inner dimensions differ: op(a) is [" + m + ", " + ka
                    + "] (a " + a.shape() + (transposeA ? " transposed" : "") + "), op(b) is [" + kb + ", " + n
                    + "] (b " + b.shape() + (transposeB ? " transposed" : "")
                    + "); expected op(a) columns == op(b) rows");
        }
        if (c.shape().rows() != m || c.shape().cols() != n) {
            throw new IllegalArgumentException(op + ": c is " + c.shape() + "; expected [" + m + ", " + n
                    + "] for op(a) [" + m + ", " + ka + "] times op(b) [" + kb + ", " + n + "]");
        }
        ops.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }

    /** A new matrix {@code op(a) op(b)}; see {@link #gemm}. */
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        own("matmul", "a", a);
        own("matmul", "b", b);
        Checks.matrix("matmul", "a", a);
        Checks.matrix("matmul", "b", b);
        int m = transposeA ? a.shape().cols() : a.shape().rows();
        int n = transposeB ? b.shape().rows() : b.shape().cols();
        Tensor c = zeros(a.dtype(), Shape.matrix(m, n));
        gemm(1.0, a, transposeA, b, transposeB, 0.0, c);
        return c;
    }

    /**
     * Adds a row vector to every row: {@code out_ij = a_ij + v_j}, for {@code a} and {@code out}
     * {@code [rows, cols]} and {@code v} {@code [cols]}. {@code out} may be {@code a}.
     */
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        String op = "addRowVector";
        sameDType(op, own(op, "a", a), own(op, "v", v), own(op, "out", out));
        Checks.matrix(op, "a", a);
        if (!v.shape().isVector() || v.shape().cols() != a.shape().cols()) {
            throw new IllegalArgumentException(op + ": v is " + v.shape() + "; expected [" + a.shape().cols()
                    + "], one element per column of a " + a.shape());
        }
        Checks.sameShape(op, "out", out, "a", a);
        ops.addRowVector(a, v, out);
    }

    /**
     * Column sums, the reduction a bias gradient needs: {@code out_j = beta out_j + sum_i a_ij}
     * for {@code a [rows, cols]} and {@code out [cols]}. With {@code beta = 1} it accumulates;
     * when {@code beta == 0}, {@code out} is not read.
     */
    public void columnSums(Tensor a, double beta, Tensor out) {
        String op = "columnSums";
        sameDType(op, own(op, "a", a), own(op, "out", out));
        Checks.matrix(op, "a", a);
        if (!out.shape().isVector() || out.shape().cols() != a.shape().cols()) {
            throw new IllegalArgumentException(op + ": out is " + out.shape() + "; expected [" + a.shape().cols()
                    + "], one element per column of a " + a.shape());
        }
        ops.columnSums(a, beta, out);
    }

    /**
     * A reduction along each row: {@code out_i = op_j a_ij} for {@code a [rows, cols]} and
     * {@code out [rows]} ({@link ReduceOp#SUM}: the row sums; {@link ReduceOp#MAX}: the row maxima,
     * NaN for a row holding NaN, {@code -Infinity} for a row of {@code -Infinity}). Float32 sums
     * may accumulate in higher precision. {@code out} is written without being read.
     */
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "out", out));
        Checks.matrix(name, "a", a);
        if (!out.shape().isVector() || out.shape().cols() != a.shape().rows()) {
            throw new IllegalArgumentException(name + ": out is " + out.shape() + "; expected [" + a.shape().rows()
                    + "], one element per row of a " + a.shape());
        }
        ops.rowReduce(op, a, out);
    }

    /**
     * Combines every element with a value of its row: {@code out_ij = a_ij op v_i} for {@code a}
     * and {@code out} {@code [rows, cols]} and {@code v} {@code [rows]} (softmax subtracts the row
     * maximum and divides by the row sum this way). {@code out} may be {@code a}; it must not be
     * {@code v}.
     */
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.rowBroadcast(op);
        sameDType(name, own(name, "a", a), own(name, "v", v), own(name, "out", out));
        Checks.matrix(name, "a", a);
        if (!v.shape().isVector() || v.shape().cols() != a.shape().rows()) {
            throw new IllegalArgumentException(name + ": v is " + v.shape() + "; expected [" + a.shape().rows()
                    + "], one element per row of a " + a.shape());
        }
        Checks.sameShape(name, "out", out, "a", a);
        ops.rowBroadcast(op, a, v, out);
    }

    /**
     * The affine map of {@code torch.nn.Linear}: {@code y = x W^T + b}, i.e. {@code y_ij = sum_k
     * x_ik w_jk + b_j}, for {@code x [batch, in]}, {@code w [out, in]}, {@code b [out]} (or
     * {@code null} for no bias) and {@code y [batch, out]}. {@code y} must not be {@code x} or {@code w}.
     */
    public void linear(Tensor x, Tensor w, Tensor b, Tensor y) {
        String op = "linear";
        sameDType(op, own(op, "x", x), own(op, "w", w), own(op, "y", y));
        Checks.matrix(op, "x", x);
        Checks.matrix(op, "w", w);
        Checks.matrix(op, "y", y);
        Checks.notAliased(op, "y", y, "x", x);
        Checks.notAliased(op, "y", y, "w", w);
        if (w.shape().cols() != x.shape().cols()) {
            throw new IllegalArgumentException(op + ": w is " + w.shape() + " and x is " + x.shape()
                    + "; expected w [out, " + x.shape().cols() + "], as many inputs as x has columns");
        }
        if (y.shape().rows() != x.shape().rows() || y.shape().cols() != w.shape().rows()) {
            throw new IllegalArgumentException(op + ": y is " + y.shape() + "; expected ["
                    + x.shape().rows() + ", " + w.shape().rows() + "] for x " + x.shape() + " and w " + w.shape());
        }
        if (b != null) {
            sameDType(op, x, own(op, "b", b));
            if (!b.shape().isVector() || b.shape().cols() != w.shape().rows()) {
                throw new IllegalArgumentException(op + ": b is " + b.shape() + "; expected ["
                        + w.shape().rows() + "], one element per output of w " + w.shape());
            }
        }
        ops.linear(x, w, b, y);
    }

    // ---- elementwise -----------------------------------------------------------------------

    /** {@code out_i = a_i op b_i}; all three of one shape. {@code out} may be {@code a} or {@code b}. */
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "b", b), own(name, "out", out));
        Checks.sameShape(name, "b", b, "a", a);
        Checks.sameShape(name, "out", out, "a", a);
        ops.binary(op, a, b, out);
    }

    /** {@code out_i = op(a_i)}; {@code out} has a's shape and may be {@code a}. */
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "out", out));
        Checks.sameShape(name, "out", out, "a", a);
        ops.unary(op, a, out);
    }

    /**
     * {@code y_i = f(x_i)}; see {@link Activation} for each function and its parameters.
     * {@code y} has x's shape and may be {@code x}.
     */
    public void activation(Activation f, Tensor x, Tensor y) {
        Objects.requireNonNull(f, "f");
        String name = OpNames.forward(f);
        sameDType(name, own(name, "x", x), own(name, "y", y));
        Checks.sameShape(name, "y", y, "x", x);
        ops.activation(f, x, y);
    }

    /**
     * The backward rule of {@link #activation}: {@code dx_i = dy_i f'(x_i)}, given the input
     * {@code x} and the output {@code y = f(x)} of the forward pass (each rule reads whichever
     * PyTorch reads; see {@link Activation}). All four of one shape; {@code dx} may be {@code dy}.
     */
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Objects.requireNonNull(f, "f");
        String name = OpNames.backward(f);
        sameDType(name, own(name, "x", x), own(name, "y", y), own(name, "dy", dy), own(name, "dx", dx));
        Checks.sameShape(name, "y", y, "x", x);
        Checks.sameShape(name, "dy", dy, "x", x);
        Checks.sameShape(name, "dx", dx, "x", x);
        ops.activationBackward(f, x, y, dy, dx);
    }

    /**
     * In-place scaled add, the optimizer update: {@code y = alpha x + beta y}. When
     * {@code beta == 0}, {@code y} is not read. {@code x} and {@code y} have one shape.
     */
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        String op = "axpby";
        sameDType(op, own(op, "x", x), own(op, "y", y));
        Checks.sameShape(op, "y", y, "x", x);
        ops.axpby(alpha, x, beta, y);
    }

    /** {@code out = alpha x}. */
    public void scale(double alpha, Tensor x, Tensor out) {
        String op = "scale";
        sameDType(op, own(op, "x", x), own(op, "out", out));
        Checks.sameShape(op, "out", out, "x", x);
        ops.scale(alpha, x, out);
    }

    /** {@code dst = src}, same shape and dtype. */
    public void copy(Tensor src, Tensor dst) {
        String op = "copy";
        sameDType(op, own(op, "src", src), own(op, "dst", dst));
        Checks.sameShape(op, "dst", dst, "src", src);
        ops.copy(src, dst);
    }

    /** {@code out_i = a_i + s}; {@code out} may be {@code a}. */
    public void addScalar(Tensor a, double s, Tensor out) {
        String op = "addScalar";
        sameDType(op, own(op, "a", a), own(op, "out", out));
        Checks.sameShape(op, "out", out, "a", a);
        ops.addScalar(a, s, out);
    }

    /** {@code y = y + value * a * b} elementwise; {@code scratch} (written) has a's shape, distinct from the rest. */
    public void addcmul(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        checkTernary("addcmul", a, b, y, scratch);
        ops.addcmul(value, a, b, y, scratch);
    }

    /** {@code y = y + value * a / b} elementwise; {@code scratch} (written) has a's shape, distinct from the rest. */
    public void addcdiv(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        checkTernary("addcdiv", a, b, y, scratch);
        ops.addcdiv(value, a, b, y, scratch);
    }

    private void checkTernary(String op, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        sameDType(op, own(op, "a", a), own(op, "b", b), own(op, "y", y), own(op, "scratch", scratch));
        Checks.sameShape(op, "b", b, "a", a);
        Checks.sameShape(op, "y", y, "a", a);
        Checks.sameShape(op, "scratch", scratch, "a", a);
        Checks.notAliased(op, "scratch", scratch, "a", a);
        Checks.notAliased(op, "scratch", scratch, "b", b);
        Checks.notAliased(op, "scratch", scratch, "y", y);
    }

    /** Sets every element of {@code t} to {@code value} ({@code 0.0} zeroes gradients). */
    public void fill(Tensor t, double value) {
        ops.fill(own("fill", "t", t), value);
    }

    // ---- reductions ------------------------------------------------------------------------

    /** {@code sum_i a_i} over all elements, as a double (float32 tensors may sum in higher precision). */
    public double sum(Tensor a) {
        return ops.sum(own("sum", "a", a));
    }

    /** {@code sum_i a_i b_i} over all elements of two same-shape tensors. */
    public double dot(Tensor a, Tensor b) {
        String op = "dot";
        sameDType(op, own(op, "a", a), own(op, "b", b));
        Checks.sameShape(op, "b", b, "a", a);
        return ops.dot(a, b);
    }

    // ---- checks ----------------------------------------------------------------------------

    private Tensor own(String op, String arg, Tensor t) {
        if (t == null) {
            throw new NullPointerException(op + ": " + arg + " is null");
        }
        if (t.owner() != ops) {
            throw new IllegalArgumentException(op + ": " + arg + " " + t.dtype() + " " + t.shape()
                    + " belongs to another backend (" + t.owner().getClass().getName() + "), not '" + name
                    + "'; copy it over with Backend.transfer");
        }
        return t;
    }

    // Fixed arities rather than varargs: these run on every op of every training step, and a
    // varargs array is garbage the JIT does not always remove.
    private static void sameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw mixedDTypes(op, a, b);
        }
    }

    private static void sameDType(String op, Tensor a, Tensor b, Tensor c) {
        if (a.dtype() != b.dtype() || a.dtype() != c.dtype()) {
            throw mixedDTypes(op, a, b, c);
        }
    }

    private static void sameDType(String op, Tensor a, Tensor b, Tensor c, Tensor d) {
        if (a.dtype() != b.dtype() || a.dtype() != c.dtype() || a.dtype() != d.dtype()) {
            throw mixedDTypes(op, a, b, c, d);
        }
    }

    private static IllegalArgumentException mixedDTypes(String op, Tensor... operands) {
        StringBuilder found = new StringBuilder();
        for (Tensor t : operands) {
            found.append(found.length() == 0 ? "" : ", ").append(t.dtype().id());
        }
        return new IllegalArgumentException(op + ": operands have mixed dtypes (" + found
                + "); expected one dtype for all");
    }

    @Override
    public String toString() {
        return name + " (" + version + ")";
    }
}
