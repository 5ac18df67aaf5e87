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
 * all of these. An exception the backend itself throws from an op (a {@code RuntimeException})
 * reaches the caller as an {@code IllegalStateException} whose message names the op and the
 * backend, e.g. {@code gemm: backend 'foo' threw java.lang.ArrayIndexOutOfBoundsException: ...},
 * with the backend's exception as its cause.
 *
 * <p>Ops write into output tensors the caller passes ({@code out}, {@code y}, {@code c}), so a
 * training step can reuse its buffers. Each op's javadoc says which output may be the same
 * tensor as which input: elementwise ops may write in place, {@link #gemm} and {@link #linear}
 * may not. Tensors an op only reads may always be the same tensor ({@code dot(a, a)}). The full
 * table, the meaning of {@code alpha == 0} and {@code beta == 0}, how float32 may be computed
 * and how closely, and what may run concurrently are on {@link TensorOps}, the contract every
 * backend passes the conformance kit against.
 *
 * <p>One backend may be used from several threads at once as long as no tensor that one call
 * writes is used by another call at the same time; tensors that every call only reads (a
 * model's weights) may be shared.
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
        Tensor t;
        try {
            t = ops.zeros(dtype, shape);
        } catch (RuntimeException e) {
            throw threw("zeros", e);
        }
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
        try {
            ops.copyIn(src, dst);
        } catch (RuntimeException e) {
            throw threw("copyIn", e);
        }
    }

    /** Copies {@code src} (row-major, {@code dst.shape().size()} elements) into {@code dst}. */
    public void copyIn(float[] src, Tensor dst) {
        Checks.arrayLength("copyIn", src.length, own("copyIn", "dst", dst));
        try {
            ops.copyIn(src, dst);
        } catch (RuntimeException e) {
            throw threw("copyIn", e);
        }
    }

    /** Copies the elements of {@code src} into {@code dst} (row-major). */
    public void copyOut(Tensor src, double[] dst) {
        Checks.arrayLength("copyOut", dst.length, own("copyOut", "src", src));
        try {
            ops.copyOut(src, dst);
        } catch (RuntimeException e) {
            throw threw("copyOut", e);
        }
    }

    /** Copies the elements of {@code src} into {@code dst} (row-major), rounding float64 to float. */
    public void copyOut(Tensor src, float[] dst) {
        Checks.arrayLength("copyOut", dst.length, own("copyOut", "src", src));
        try {
            ops.copyOut(src, dst);
        } catch (RuntimeException e) {
            throw threw("copyOut", e);
        }
    }

    /** The elements of {@code t} in row-major order, widened to double. */
    public double[] toDoubleArray(Tensor t) {
        double[] out = new double[own("toDoubleArray", "t", t).shape().size()];
        try {
            ops.copyOut(t, out);
        } catch (RuntimeException e) {
            throw threw("toDoubleArray", e);
        }
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
            try {
                t.owner().copyOut(t, data);
            } catch (RuntimeException e) {
                throw threwCopyingOut(t, e);
            }
            copyIn(data, copy);
        } else {
            double[] data = new double[t.shape().size()];
            try {
                t.owner().copyOut(t, data);
            } catch (RuntimeException e) {
                throw threwCopyingOut(t, e);
            }
            copyIn(data, copy);
        }
        return copy;
    }

    private static IllegalStateException threwCopyingOut(Tensor t, RuntimeException e) {
        return new IllegalStateException("transfer: the backend of t " + t.dtype() + " " + t.shape() + " ("
                + t.owner().getClass().getName() + ") threw " + e + " in copyOut", e);
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * General matrix multiply: {@code c = alpha op(a) op(b) + beta c}, where {@code op(m)} is
     * {@code m^T} when its flag is set and {@code m} otherwise; {@code c_ij = alpha sum_k
     * op(a)_ik op(b)_kj + beta c_ij}. No transpose is materialised: backward passes use
     * {@code dW += dY^T X} ({@code transposeA}) and {@code dX = dY W}.
     *
     * <p>When {@code beta == 0}, {@code c} is not read (so NaN in it does not propagate), as in
     * BLAS. {@code alpha == 0} is not special: {@code a} and {@code b} are read, and NaN or an
     * infinity in row {@code i} of {@code op(a)} or column {@code j} of {@code op(b)} makes
     * {@code c_ij} NaN ({@code 0 * NaN} and {@code 0 * Infinity} are NaN), unlike BLAS and
     * {@code torch.addmm}, which skip the product when {@code alpha} is 0. {@code a}, {@code b},
     * {@code c} are matrices; {@code a} may be {@code b}; {@code c} is written and must not be
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
        try {
            ops.gemm(alpha, a, transposeA, b, transposeB, beta, c);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /**
     * Adds a row vector to every row: {@code out_ij = a_ij + v_j}, for {@code a} and {@code out}
     * {@code [rows, cols]} and {@code v} {@code [cols]}. {@code out} may be {@code a}.
     */
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        String op = "addRowVector";
        sameDType(op, own(op, "a", a), own(op, "v", v), own(op, "out", out));
        Checks.matrix(op, "a", a);
        Checks.onePerColumn(op, "v", v, a);
        Checks.sameShape(op, "out", out, "a", a);
        try {
            ops.addRowVector(a, v, out);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /**
     * Column sums, the reduction a bias gradient needs: {@code out_j = beta out_j + sum_i a_ij}
     * for {@code a [rows, cols]} and {@code out [cols]}. With {@code beta = 1} it accumulates;
     * when {@code beta == 0}, {@code out} is not read (so NaN in it does not propagate).
     */
    public void columnSums(Tensor a, double beta, Tensor out) {
        String op = "columnSums";
        sameDType(op, own(op, "a", a), own(op, "out", out));
        Checks.matrix(op, "a", a);
        Checks.onePerColumn(op, "out", out, a);
        try {
            ops.columnSums(a, beta, out);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /**
     * A reduction along each row: {@code out_i = op_j a_ij} for {@code a [rows, cols]} and
     * {@code out [rows]} ({@link ReduceOp#SUM}: the row sums; {@link ReduceOp#MAX}: the row maxima,
     * NaN for a row holding NaN, {@code -Infinity} for a row of {@code -Infinity}; a sum holding
     * both infinities is NaN). Float32 sums may accumulate in float or in higher precision.
     * {@code out} is written without being read.
     */
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "out", out));
        Checks.matrix(name, "a", a);
        Checks.onePerRow(name, "out", out, a);
        try {
            ops.rowReduce(op, a, out);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
    }

    /**
     * Combines every element with a value of its row: {@code out_ij = a_ij op v_i} for {@code a}
     * and {@code out} {@code [rows, cols]} and {@code v} {@code [rows]} (softmax subtracts the row
     * maximum and divides by the row sum this way). {@code out} may be {@code a}; NaN in
     * {@code v_i} makes row {@code i} NaN.
     */
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.rowBroadcast(op);
        sameDType(name, own(name, "a", a), own(name, "v", v), own(name, "out", out));
        Checks.matrix(name, "a", a);
        Checks.onePerRow(name, "v", v, a);
        Checks.sameShape(name, "out", out, "a", a);
        try {
            ops.rowBroadcast(op, a, v, out);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
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
        try {
            ops.linear(x, w, b, y);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    // ---- elementwise -----------------------------------------------------------------------

    /** {@code out_i = a_i op b_i}; all three of one shape. {@code out} may be {@code a} or {@code b}, and {@code a} may be {@code b}. */
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "b", b), own(name, "out", out));
        Checks.sameShape(name, "b", b, "a", a);
        Checks.sameShape(name, "out", out, "a", a);
        try {
            ops.binary(op, a, b, out);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
    }

    /** {@code out_i = op(a_i)}; {@code out} has a's shape and may be {@code a}. */
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "op");
        String name = OpNames.of(op);
        sameDType(name, own(name, "a", a), own(name, "out", out));
        Checks.sameShape(name, "out", out, "a", a);
        try {
            ops.unary(op, a, out);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
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
        try {
            ops.activation(f, x, y);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
    }

    /**
     * The backward rule of {@link #activation}: {@code dx_i = dy_i f'(x_i)}, given the input
     * {@code x} and the output {@code y = f(x)} of the forward pass (each rule reads whichever
     * PyTorch reads; see {@link Activation}). All four of one shape; {@code dx} may be {@code x},
     * {@code y} or {@code dy}, and {@code x} may be {@code y}.
     */
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Objects.requireNonNull(f, "f");
        String name = OpNames.backward(f);
        sameDType(name, own(name, "x", x), own(name, "y", y), own(name, "dy", dy), own(name, "dx", dx));
        Checks.sameShape(name, "y", y, "x", x);
        Checks.sameShape(name, "dy", dy, "x", x);
        Checks.sameShape(name, "dx", dx, "x", x);
        try {
            ops.activationBackward(f, x, y, dy, dx);
        } catch (RuntimeException e) {
            throw threw(name, e);
        }
    }

    /**
     * In-place scaled add, the optimizer update: {@code y = alpha x + beta y}. When
     * {@code beta == 0}, {@code y} is not read; {@code alpha == 0} is not special ({@code x} is
     * read: NaN or an infinity in it gives NaN, as {@code torch.add(y, x, alpha=0)}). {@code x}
     * and {@code y} have one shape and may be the same tensor.
     */
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        String op = "axpby";
        sameDType(op, own(op, "x", x), own(op, "y", y));
        Checks.sameShape(op, "y", y, "x", x);
        try {
            ops.axpby(alpha, x, beta, y);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /** {@code out = alpha x}; {@code out} may be {@code x}; with {@code alpha == 0}, NaN and infinities in {@code x} give NaN. */
    public void scale(double alpha, Tensor x, Tensor out) {
        String op = "scale";
        sameDType(op, own(op, "x", x), own(op, "out", out));
        Checks.sameShape(op, "out", out, "x", x);
        try {
            ops.scale(alpha, x, out);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /** {@code dst = src}, same shape and dtype; {@code dst} may be {@code src} (nothing changes). */
    public void copy(Tensor src, Tensor dst) {
        String op = "copy";
        sameDType(op, own(op, "src", src), own(op, "dst", dst));
        Checks.sameShape(op, "dst", dst, "src", src);
        try {
            ops.copy(src, dst);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /** {@code out_i = a_i + s}; {@code out} may be {@code a}. */
    public void addScalar(Tensor a, double s, Tensor out) {
        String op = "addScalar";
        sameDType(op, own(op, "a", a), own(op, "out", out));
        Checks.sameShape(op, "out", out, "a", a);
        try {
            ops.addScalar(a, s, out);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /**
     * {@code y = y + value * a / b} elementwise; {@code y} may be {@code a} or {@code b};
     * {@code scratch} (written) has a's shape and must be distinct from the rest.
     */
    public void addcdiv(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        String op = "addcdiv";
        sameDType(op, own(op, "a", a), own(op, "b", b), own(op, "y", y), own(op, "scratch", scratch));
        Checks.sameShape(op, "b", b, "a", a);
        Checks.sameShape(op, "y", y, "a", a);
        Checks.sameShape(op, "scratch", scratch, "a", a);
        Checks.notAliased(op, "scratch", scratch, "a", a);
        Checks.notAliased(op, "scratch", scratch, "b", b);
        Checks.notAliased(op, "scratch", scratch, "y", y);
        try {
            ops.addcdiv(value, a, b, y, scratch);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    /** Sets every element of {@code t} to {@code value} ({@code 0.0} zeroes gradients). */
    public void fill(Tensor t, double value) {
        own("fill", "t", t);
        try {
            ops.fill(t, value);
        } catch (RuntimeException e) {
            throw threw("fill", e);
        }
    }

    // ---- reductions ------------------------------------------------------------------------

    /** {@code sum_i a_i} over all elements, as a double (float32 tensors may sum in float or in higher precision). */
    public double sum(Tensor a) {
        own("sum", "a", a);
        try {
            return ops.sum(a);
        } catch (RuntimeException e) {
            throw threw("sum", e);
        }
    }

    /** {@code sum_i a_i b_i} over all elements of two same-shape tensors; {@code a} may be {@code b}. */
    public double dot(Tensor a, Tensor b) {
        String op = "dot";
        sameDType(op, own(op, "a", a), own(op, "b", b));
        Checks.sameShape(op, "b", b, "a", a);
        try {
            return ops.dot(a, b);
        } catch (RuntimeException e) {
            throw threw(op, e);
        }
    }

    // ---- checks ----------------------------------------------------------------------------

    /**
     * {@code e}, thrown by this backend's {@code op}, as the caller sees it: an exception naming the
     * op and the backend, with {@code e} as its cause. Made only on the exceptional path: on the
     * normal one a {@code try} costs nothing (an exception table, no allocation).
     */
    private IllegalStateException threw(String op, RuntimeException e) {
        return new IllegalStateException(op + ": backend '" + name + "' threw " + e, e);
    }

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
