package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.Matrix;

/**
 * The ops of the EJML backend: decides, once for both dtypes, which EJML call serves each op and
 * its special cases, and hands the call to the tensors' {@link DenseKernels} ({@code CommonOps_DDRM}
 * for float64, {@code CommonOps_FDRM} for float32). Nothing is converted or copied per op: the
 * tensors are EJML matrices. The one copy is {@code b^T} in large products {@code op(a) b^T}
 * (see {@link #gemm}).
 *
 * <p>Matrix products run on EJML's thread pool ({@code CommonOps_MT_*}) when they have at least
 * {@link #CONCURRENT_MULTIPLY_ADDS} multiply-adds and more than one row to split, and EJML is set
 * to run threads ({@link #ejmlRunsThreads()}); below that, handing rows to the pool costs more
 * than it saves.
 */
final class EjmlOps implements TensorOps {
    /**
     * Products with at least this many multiply-adds ({@code m n k}: 2^20, e.g. 32x128x256) use
     * the concurrent kernels: handing the rows to EJML's pool costs about 15 µs, which only
     * products from about this size win back (measurements in {@code benchmarks/README.md}).
     */
    static final long CONCURRENT_MULTIPLY_ADDS = 1L << 20;

    /**
     * {@code op(a) b^T} with at least this many rows in {@code c} ({@code m}) and at least
     * {@link #TRANSPOSE_MIN_COLS} columns ({@code n}) copies {@code b^T} and calls the
     * row-streaming kernel; with fewer rows the copy ({@code n k} elements) costs more than the
     * faster product saves (at k = n = 1024, float64, one thread, copy and {@code mult} overtake
     * {@code multTransB}'s 2.5 GFLOP/s at m = 8).
     */
    static final int TRANSPOSE_MIN_ROWS = 8;

    /**
     * See {@link #TRANSPOSE_MIN_ROWS}: the row-streaming kernel's inner loop runs over the
     * {@code n} columns of {@code c}, and is slower than {@code multTransB}'s dot products when
     * that loop is short (they are even at 32x32x32).
     */
    static final int TRANSPOSE_MIN_COLS = 32;

    private final long concurrentMultiplyAdds;
    private final boolean followsEjmlConcurrency;

    EjmlOps() {
        this(CONCURRENT_MULTIPLY_ADDS, true);
    }

    /**
     * With another threshold, for tests: every product serially ({@code Long.MAX_VALUE}) or every
     * product of more than one row concurrently ({@code 0}). With {@code followsEjmlConcurrency}
     * false, products above the threshold use the concurrent kernels even when EJML is set to one
     * thread, so that tests exercise them on any machine.
     */
    EjmlOps(long concurrentMultiplyAdds, boolean followsEjmlConcurrency) {
        this.concurrentMultiplyAdds = concurrentMultiplyAdds;
        this.followsEjmlConcurrency = followsEjmlConcurrency;
    }

    /**
     * Whether EJML is set to run threads: its switch is on ({@code EjmlConcurrency.setMaxThreads(1)}
     * turns it off, without shrinking the pool) and its pool has more than one thread. Read on every
     * product, so a change of the setting applies at once.
     */
    static boolean ejmlRunsThreads() {
        return EjmlConcurrency.isUseConcurrent() && EjmlConcurrency.getMaxThreads() > 1;
    }

    /** Whether a product with {@code rows} rows in {@code c} and {@code multiplyAdds} multiply-adds runs on EJML's pool. */
    boolean concurrent(int rows, long multiplyAdds) {
        return rows > 1 && multiplyAdds >= concurrentMultiplyAdds && (!followsEjmlConcurrency || ejmlRunsThreads());
    }

    /** Whether {@code op(a) b^T} into a {@code rows x cols} {@code c} copies {@code b^T} first (see {@link #TRANSPOSE_MIN_ROWS}). */
    static boolean copiesTransposedB(int rows, int cols) {
        return rows >= TRANSPOSE_MIN_ROWS && cols >= TRANSPOSE_MIN_COLS;
    }

    /** The EJML tensor behind {@code t}, which the facade checked is one of this backend's. */
    private static EjmlTensor tensor(Tensor t) {
        return (EjmlTensor) t;
    }

    /** The kernels of {@code t}'s dtype. */
    private static DenseKernels kernels(Tensor t) {
        return tensor(t).kernels;
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new EjmlTensor(this, dtype, shape);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        kernels(dst).copyIn(src, tensor(dst));
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        kernels(dst).copyIn(src, tensor(dst));
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        kernels(src).copyOut(tensor(src), dst);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        kernels(src).copyOut(tensor(src), dst);
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * {@code beta == 0}: {@code mult*}, which writes {@code c} without reading it, so NaN in
     * {@code c} does not survive (not {@code scale(0, c)}: {@code 0 * NaN} is NaN).
     * Otherwise {@code c = beta c} unless {@code beta == 1}, then {@code multAdd*}.
     *
     * <p>{@code op(a) b^T} with {@link #copiesTransposedB} first copies {@code b^T} into the
     * scratch matrix of {@code c} ({@link EjmlTensor#transposedOperand}) and multiplies by that with
     * {@code mult}/{@code multTransA}: their kernels stream rows of {@code b^T} into rows of
     * {@code c} and run at the speed of {@code a b}, where {@code multTransB}/{@code multTransAB}
     * compute each element as a dot product, at under half that speed from 256 on. The copy is
     * {@code n k} element moves against {@code m n k} multiply-adds. Each element of {@code c} is
     * the same sum in the same order either way: with {@code alpha == 1} and {@code beta == 0} the
     * results are identical bit for bit.
     */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        Product product = Product.of(transposeA, transposeB);
        int m = c.shape().rows();
        int n = c.shape().cols();
        int inner = transposeA ? a.shape().rows() : a.shape().cols();
        boolean concurrent = concurrent(m, (long) m * n * inner);
        DenseKernels k = kernels(c);
        Matrix right = tensor(b).matrix;
        if (product.transposesB() && copiesTransposedB(m, n)) {
            right = tensor(c).transposedOperand(inner, n);
            k.transpose(tensor(b), right);
            product = product.withBTransposed();
        }
        if (beta == 0) {
            k.mult(product, concurrent, alpha, tensor(a).matrix, right, tensor(c).matrix);
        } else {
            if (beta != 1) {
                k.scale(beta, tensor(c), tensor(c));
            }
            k.multAdd(product, concurrent, alpha, tensor(a).matrix, right, tensor(c).matrix);
        }
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        kernels(out).addRowVector(tensor(a), tensor(v), tensor(out));
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        DenseKernels k = kernels(out);
        if (beta == 0) {
            k.sumCols(tensor(a), tensor(out)); // out not read
        } else {
            if (beta != 1) {
                k.scale(beta, tensor(out), tensor(out));
            }
            k.addSumCols(tensor(a), tensor(out));
        }
    }

    /** One of the kernels' methods that combine a matrix with a vector ({@code a}, {@code v}, {@code out}). */
    @FunctionalInterface
    private interface BinaryKernel {
        void apply(DenseKernels kernels, EjmlTensor a, EjmlTensor b, EjmlTensor out);
    }

    /** One of the kernels' methods of one operand and one output. */
    @FunctionalInterface
    private interface UnaryKernel {
        void apply(DenseKernels kernels, EjmlTensor a, EjmlTensor out);
    }

    /** SUM: {@code sumRows}; MAX: the kernels' NaN-propagating loop (EJML's {@code maxRows} loses NaN). */
    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        UnaryKernel kernel = switch (op) { // a switch expression: a new ReduceOp fails to compile here
            case SUM -> DenseKernels::sumRows;
            case MAX -> DenseKernels::maxRows;
        };
        kernel.apply(kernels(out), tensor(a), tensor(out));
    }

    /**
     * MUL and DIV: EJML's {@code multRows} and {@code divideRows} (in place, after copying {@code a}
     * into {@code out} when they differ); the others are loops, the row's {@code v_i} read once.
     */
    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        BinaryKernel kernel = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> DenseKernels::addColumn;
            case SUB -> DenseKernels::subtractColumn;
            case MUL -> DenseKernels::multRows;
            case DIV -> DenseKernels::divideRows;
            case MAX -> DenseKernels::maxColumn;
            case MIN -> DenseKernels::minColumn;
        };
        kernel.apply(kernels(out), tensor(a), tensor(v), tensor(out));
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        BinaryKernel kernel = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> DenseKernels::add;
            case SUB -> DenseKernels::subtract;
            case MUL -> DenseKernels::elementMult;
            case DIV -> DenseKernels::elementDiv;
            case MAX -> DenseKernels::elementMax;
            case MIN -> DenseKernels::elementMin;
        };
        kernel.apply(kernels(out), tensor(a), tensor(b), tensor(out));
    }

    /**
     * EXP, LOG and ABS are EJML's {@code elementExp}, {@code elementLog} and {@code abs}; SQRT and
     * SIGN loops. Every entry is a method reference or a lambda that captures nothing, which the
     * JVM makes once: choosing a kernel allocates nothing.
     */
    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        UnaryKernel kernel = switch (op) { // a switch expression: a new UnaryOp fails to compile here
            case SQRT -> DenseKernels::elementSqrt;
            case SQUARE -> (kernels, x, y) -> kernels.elementMult(x, x, y);
            case EXP -> DenseKernels::elementExp;
            case LOG -> DenseKernels::elementLog;
            case ABS -> DenseKernels::abs;
            case SIGN -> DenseKernels::sign;
        };
        kernel.apply(kernels(out), tensor(a), tensor(out));
    }

    /** One of the kernels' loops for an activation's forward rule. */
    @FunctionalInterface
    private interface ForwardKernel {
        void apply(DenseKernels kernels, Activation f, EjmlTensor x, EjmlTensor y);
    }

    /** One of the kernels' loops for an activation's backward rule. */
    @FunctionalInterface
    private interface BackwardKernel {
        void apply(DenseKernels kernels, Activation f, EjmlTensor x, EjmlTensor y, EjmlTensor dy, EjmlTensor dx);
    }

    /**
     * Identity is a copy, ReLU {@code Math.max} and LeakyReLU an integer mask (no branch per
     * element); the others apply their reference rule, whose cost is the transcendental function.
     */
    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        ForwardKernel kernel = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> (k, g, in, out) -> k.copy(in, out);
            case RELU -> (k, g, in, out) -> k.relu(in, out);
            case LEAKY_RELU -> (k, g, in, out) -> k.scaleWhereNotPositive(in, in, g.negativeSlope(), out);
            case SIGMOID, TANH, GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> DenseKernels::activation;
        };
        kernel.apply(kernels(y), f, tensor(x), tensor(y));
    }

    /**
     * Identity copies {@code dy}; ReLU and LeakyReLU are integer masks; sigmoid and tanh their
     * rules on {@code y} in loops of their own; the others apply their reference rule.
     */
    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        BackwardKernel kernel = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> (k, g, in, out, grad, result) -> k.copy(grad, result);
            case RELU -> (k, g, in, out, grad, result) -> k.zeroWhereNotPositive(out, grad, result);
            case LEAKY_RELU -> (k, g, in, out, grad, result) -> k.scaleWhereNotPositive(in, grad, g.negativeSlope(), result);
            case SIGMOID -> (k, g, in, out, grad, result) -> k.sigmoidBackward(out, grad, result);
            case TANH -> (k, g, in, out, grad, result) -> k.tanhBackward(out, grad, result);
            case GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> DenseKernels::activationBackward;
        };
        kernel.apply(kernels(dx), f, tensor(x), tensor(y), tensor(dy), tensor(dx));
    }

    /** {@code beta == 0}: {@code scale}, which does not read {@code y}; {@code beta == 1}: {@code addEquals}. */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        DenseKernels k = kernels(y);
        if (beta == 0) {
            k.scale(alpha, tensor(x), tensor(y));
        } else if (beta == 1) {
            k.addEquals(tensor(y), alpha, tensor(x));
        } else {
            k.axpby(alpha, tensor(x), beta, tensor(y));
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        kernels(out).addScalar(tensor(a), s, tensor(out));
    }

    @Override
    public void fill(Tensor t, double value) {
        kernels(t).fill(tensor(t), value);
    }

    // ---- reductions ------------------------------------------------------------------------

    @Override
    public double sum(Tensor a) {
        return kernels(a).elementSum(tensor(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return kernels(a).dot(tensor(a), tensor(b));
    }
}
