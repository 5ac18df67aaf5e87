package org.backprop4j.backend.nd4j;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The nd4j backend's ops on dense row-major {@code INDArray}s ({@link Nd4jTensor}), one code
 * path for float32 ({@code DataType.FLOAT}) and float64 ({@code DataType.DOUBLE}). ND4J provides
 * the storage, native memory; the arithmetic is done in one of two ways, neither of which goes
 * through {@code Nd4j.exec} (an ND4J op costs 6-18 µs and 2.8-4.9 KB of Java objects per call,
 * whatever its size):
 *
 * <ul>
 *   <li>Products and level-1 vector updates go straight to OpenBLAS ({@link OpenBlas}):
 *       {@code gemm} with transpose flags (nothing materialised); {@code columnSums}
 *       ({@code 1^T a}), {@code rowReduce(SUM)} ({@code a 1}) and {@code addRowVector}
 *       ({@code a + 1 v}) as products with a cached row of ones; {@code axpby} as {@code scal}
 *       and {@code axpy}; {@code copy}; {@code dot}. Not where BLAS would skip what the SPI says
 *       is read: {@code gemm} and {@code axpby} with {@code alpha == 0} (BLAS returns without
 *       reading {@code a}, {@code b}, {@code x}, so NaN there would be lost) are loops, and so is
 *       {@code axpby} with {@code beta == 0} ({@code scal} by 0 would read {@code y}) or
 *       {@code x == y}.</li>
 *   <li>Everything elementwise is a Java loop of its own per op over the tensors' typed
 *       {@link Elements}, computing what the API's reference rule computes ({@link BinaryOp#apply},
 *       {@link UnaryOp#apply}, {@link Activation#forward}, {@link Activation#backward}) and
 *       rounding once to the tensor's type. That is PyTorch's convention by construction (ReLU's
 *       gradient 0 at 0 and {@code dy} through a NaN output, LeakyReLU's slope at 0, MAX
 *       propagating NaN, an accurate tanh), and each loop reads element {@code i} of every input
 *       before it writes element {@code i} of the output, so an output may be any of the inputs.
 *       The op is chosen once per call, by a {@code switch} expression over its enum, never per
 *       element; ReLU and LeakyReLU are their rules written without a branch per element
 *       ({@link Elements#zeroWhereNotPositive}, {@link Elements#scaleWhereNotPositive}), sigmoid's
 *       and tanh's backward rules are written out, the other activations apply their reference
 *       rule (their cost is the transcendental function).</li>
 * </ul>
 * Nothing is allocated on the Java heap per call: every kernel chosen is a method reference or a
 * lambda that captures nothing, which the JVM makes once. Thread-safe: the only shared state is
 * the rows of ones, which are never written once published.
 */
final class Nd4jOps implements TensorOps {

    /** Per dtype (by ordinal), the longest row of ones made so far; read-only once published. */
    private final AtomicReferenceArray<Nd4jTensor> onesRows = new AtomicReferenceArray<>(DType.values().length);

    /** The ND4J tensor behind {@code t}, which the facade checked is one of this backend's. */
    private static Nd4jTensor tensor(Tensor t) {
        return (Nd4jTensor) t;
    }

    /** The elements of {@code t}'s buffer, for the ops that are Java loops. */
    private static Elements elements(Tensor t) {
        return tensor(t).elements;
    }

    private static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
        };
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        // Nd4j.create zero-fills; Nd4j.createUninitialized would not
        return new Nd4jTensor(this, dtype, shape,
                Nd4j.create(dataType(dtype), new long[] {shape.rows(), shape.cols()}, 'c'));
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        elements(dst).copyFrom(src);
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        elements(dst).copyFrom(src);
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        elements(src).copyTo(dst);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        elements(src).copyTo(dst);
    }

    /** {@code dst = src}, an exact copy with BLAS {@code ?copy}. */
    @Override
    public void copy(Tensor src, Tensor dst) {
        if (src != dst) {
            OpenBlas.copy(tensor(src), tensor(dst));
        }
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * {@code c = alpha op(a) op(b) + beta c}: {@code ?gemm}, except with {@code alpha == 0}, where
     * BLAS would return without reading {@code a} and {@code b}: then a loop that computes the
     * product times 0 as the reference backend does, so that NaN and infinities in {@code a} and
     * {@code b} give NaN. No training step multiplies by 0, so the loop's speed does not matter.
     */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        if (alpha == 0) {
            gemmTimesZero(elements(a), transposeA, elements(b), transposeB, beta, tensor(c));
        } else {
            OpenBlas.gemm(alpha, tensor(a), transposeA, tensor(b), transposeB, beta, tensor(c));
        }
    }

    /** {@code c_ij = beta c_ij + sum_k (0 op(a)_ik) op(b)_kj} ({@code c} not read when {@code beta == 0}), in double. */
    private static void gemmTimesZero(Elements a, boolean transposeA, Elements b, boolean transposeB, double beta,
                                      Nd4jTensor c) {
        Elements cv = c.elements;
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = a.length / m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = beta == 0 ? 0.0 : beta * cv.get(i * n + j);
                for (int p = 0; p < k; p++) {
                    double aip = 0.0 * (transposeA ? a.get(p * m + i) : a.get(i * k + p));
                    s += aip * (transposeB ? b.get(j * k + p) : b.get(p * n + j));
                }
                cv.set(i * n + j, s);
            }
        }
    }

    /**
     * {@code y = x W^T + b} as the bias repeated into {@code y}'s rows and then the product added
     * to it ({@code ?gemm} with {@code beta = 1}), so that {@code y_ij = fl(b_j + sum_k x_ik w_jk)},
     * each partial sum of OpenBLAS's blocks of the inner dimension added to {@code y} in turn. That
     * is one pass over {@code y} before the product, where the composite ({@code gemm} with
     * {@code beta = 0}, which OpenBLAS starts by zeroing {@code y}, then {@link #addRowVector})
     * makes two and a rank-1 product after it. {@code x}, {@code w} and {@code b} are not
     * modified; {@code y} is neither {@code x} nor {@code w} ({@code Backend} checks).
     */
    @Override
    public void linear(Tensor x, Tensor w, Tensor b, Tensor y) {
        if (b == null) {
            gemm(1.0, x, false, w, true, 0.0, y);
        } else {
            elements(y).repeatRow(elements(b));
            OpenBlas.gemm(1.0, tensor(x), false, tensor(w), true, 1.0, tensor(y));
        }
    }

    /**
     * {@code out = a + 1 v}: copies {@code a} into {@code out} unless they are the same tensor,
     * then adds the rank-1 product of a column of ones ({@code [rows, 1]}) and the row {@code v}
     * with BLAS ({@code beta = 1}). Each element gets one correctly rounded addition,
     * {@code a_ij + 1 v_j}.
     */
    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        Nd4jTensor result = tensor(out);
        if (out != a) {
            OpenBlas.copy(tensor(a), result);
        }
        int rows = out.shape().rows();
        int cols = out.shape().cols();
        OpenBlas.gemm(out.dtype(), false, false, rows, cols, 1, 1.0, onesRow(out.dtype(), rows).address, 1,
                tensor(v).address, cols, 1.0, result.address, cols);
    }

    /**
     * {@code out = 1^T a + beta out}: the column sums as a product with a row of ones, so that
     * {@code beta} (accumulate, or do not read {@code out}) is BLAS's and no temporary is needed.
     */
    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        int rows = a.shape().rows();
        int cols = a.shape().cols();
        OpenBlas.gemm(a.dtype(), false, false, 1, cols, rows, 1.0, onesRow(a.dtype(), rows).address, rows,
                tensor(a).address, cols, beta, tensor(out).address, cols);
    }

    /**
     * A row of at least {@code length} ones of {@code dtype}, never written once made; a longer
     * one replaces a shorter one, so a model needs one or two per dtype, made in its first step.
     */
    private Nd4jTensor onesRow(DType dtype, int length) {
        Nd4jTensor row = onesRows.get(dtype.ordinal());
        if (row != null && row.shape().cols() >= length) {
            return row;
        }
        synchronized (onesRows) {
            row = onesRows.get(dtype.ordinal());
            if (row == null || row.shape().cols() < length) {
                row = (Nd4jTensor) zeros(dtype, Shape.matrix(1, length));
                row.elements.fill(1.0);
                onesRows.set(dtype.ordinal(), row);
            }
            return row;
        }
    }

    /** One of the row reductions: {@code out [rows]} from {@code a [rows, cols]}. */
    @FunctionalInterface
    private interface RowReduction {
        void apply(Nd4jOps ops, Nd4jTensor a, Nd4jTensor out);
    }

    /**
     * SUM: {@code out = a 1}, BLAS {@code ?gemv} with the cached row of ones ({@code beta = 0}:
     * {@code out} not read; float32 accumulates in float32); MAX: a loop, NaN-propagating.
     */
    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        RowReduction reduction = switch (op) { // a switch expression: a new ReduceOp fails to compile here
            case SUM -> Nd4jOps::rowSums;
            case MAX -> (ops, m, maxima) -> maxima.elements.maxOfRows(m.elements);
        };
        reduction.apply(this, tensor(a), tensor(out));
    }

    private void rowSums(Nd4jTensor a, Nd4jTensor out) {
        int rows = a.shape().rows();
        int cols = a.shape().cols();
        OpenBlas.gemv(a.dtype(), rows, cols, 1.0, a.address, cols, onesRow(a.dtype(), cols).address, 0.0, out.address);
    }

    /** One of {@link Elements}' loops of two operands into the receiver. */
    @FunctionalInterface
    private interface BinaryKernel {
        void apply(Elements out, Elements a, Elements b);
    }

    /** {@code out_ij = a_ij op v_i}: a loop per op, {@code v_i} read once per row. */
    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        BinaryKernel kernel = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Elements::addColumn;
            case SUB -> Elements::subtractColumn;
            case MUL -> Elements::multiplyColumn;
            case DIV -> Elements::divideColumn;
            case MAX -> Elements::maxColumn;
            case MIN -> Elements::minColumn;
        };
        kernel.apply(elements(out), elements(a), elements(v));
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        BinaryKernel kernel = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Elements::add;
            case SUB -> Elements::subtract;
            case MUL -> Elements::multiply;
            case DIV -> Elements::divide;
            case MAX -> Elements::max;
            case MIN -> Elements::min;
        };
        kernel.apply(elements(out), elements(a), elements(b));
    }

    /** One of {@link Elements}' loops of one operand into the receiver. */
    @FunctionalInterface
    private interface UnaryKernel {
        void apply(Elements out, Elements a);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        UnaryKernel kernel = switch (op) { // a switch expression: a new UnaryOp fails to compile here
            case SQRT -> Elements::sqrt;
            case SQUARE -> Elements::square;
            case EXP -> Elements::exp;
            case LOG -> Elements::log;
            case ABS -> Elements::abs;
            case SIGN -> Elements::sign;
        };
        kernel.apply(elements(out), elements(a));
    }

    /** A loop for an activation's forward rule. */
    @FunctionalInterface
    private interface ForwardKernel {
        void apply(Activation f, Nd4jTensor x, Nd4jTensor y);
    }

    /** A loop for an activation's backward rule. */
    @FunctionalInterface
    private interface BackwardKernel {
        void apply(Activation f, Nd4jTensor x, Nd4jTensor y, Nd4jTensor dy, Nd4jTensor dx);
    }

    /**
     * {@code y = f(x)}: identity a BLAS copy; ReLU and LeakyReLU as
     * {@link Elements#zeroWhereNotPositive} and {@link Elements#scaleWhereNotPositive}, their rules
     * without a branch per element; the others as their reference rule.
     */
    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        ForwardKernel kernel = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> (g, in, out) -> copyUnlessSame(in, out);
            case RELU -> (g, in, out) -> out.elements.zeroWhereNotPositive(in.elements, in.elements);
            case LEAKY_RELU -> (g, in, out) -> out.elements.scaleWhereNotPositive(in.elements, in.elements,
                    g.negativeSlope());
            case SIGMOID, TANH, GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> (g, in, out) -> out.elements.forward(g, in.elements);
        };
        kernel.apply(f, tensor(x), tensor(y));
    }

    /**
     * {@code dx = dy f'(x)}: identity copies {@code dy}; ReLU ({@code y <= 0 ? 0 : dy}) and
     * LeakyReLU ({@code x > 0 ? dy : s dy}) as {@link Elements#zeroWhereNotPositive} and
     * {@link Elements#scaleWhereNotPositive}; sigmoid and tanh their rules on {@code y} written
     * out; the others their reference rule.
     */
    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        BackwardKernel kernel = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> (g, in, out, grad, result) -> copyUnlessSame(grad, result);
            case RELU -> (g, in, out, grad, result) -> result.elements.zeroWhereNotPositive(out.elements, grad.elements);
            case LEAKY_RELU -> (g, in, out, grad, result) -> result.elements.scaleWhereNotPositive(in.elements,
                    grad.elements, g.negativeSlope());
            case SIGMOID -> (g, in, out, grad, result) -> result.elements.sigmoidBackward(out.elements, grad.elements);
            case TANH -> (g, in, out, grad, result) -> result.elements.tanhBackward(out.elements, grad.elements);
            case GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> (g, in, out, grad, result) -> result.elements.backward(g,
                    in.elements, out.elements, grad.elements);
        };
        kernel.apply(f, tensor(x), tensor(y), tensor(dy), tensor(dx));
    }

    private static void copyUnlessSame(Nd4jTensor src, Nd4jTensor dst) {
        if (src != dst) {
            OpenBlas.copy(src, dst);
        }
    }

    /**
     * {@code y = alpha x + beta y}: BLAS level 1, {@code scal} ({@code y = beta y}, skipped for 1)
     * then {@code axpy} ({@code y = alpha x + y}). A loop instead where BLAS would not do what the
     * SPI says: {@code alpha == 0} ({@code axpy} returns without reading {@code x}), {@code beta == 0}
     * ({@code scal} by 0 reads {@code y}: NaN there would survive or not depending on the BLAS),
     * and {@code x == y} ({@code axpy} needs distinct vectors).
     */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (alpha == 0 || beta == 0 || x == y) {
            elements(y).axpby(alpha, elements(x), beta);
        } else {
            if (beta != 1) {
                OpenBlas.scal(beta, tensor(y));
            }
            OpenBlas.axpy(alpha, tensor(x), tensor(y));
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        elements(out).addScalar(elements(a), s);
    }

    /**
     * Every element of {@code t} becomes {@code value} (a float32 tensor stores {@code (float)
     * value}). +0.0, which gradients are reset to before every step, is all zero bits in either
     * dtype, so it is the C library's {@code memset} over the native buffer (a 1024 x 1024
     * float32 tensor: 0.17 ms, against 0.32-0.36 ms for the bulk copies any other value takes);
     * -0.0 is not (its sign bit is set) and takes the copies.
     */
    @Override
    public void fill(Tensor t, double value) {
        Nd4jTensor tensor = tensor(t);
        if (Double.doubleToRawLongBits(value) == 0) {
            Pointer.memset(tensor.address, 0, (long) tensor.shape().size() * elementBytes(tensor.dtype()));
        } else {
            tensor.elements.fill(value);
        }
    }

    private static int elementBytes(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Float.BYTES;
            case FLOAT64 -> Double.BYTES;
        };
    }

    // ---- reductions ------------------------------------------------------------------------

    /** {@code sum_i a_i}, accumulated in {@code double} in both dtypes. */
    @Override
    public double sum(Tensor a) {
        return elements(a).sum();
    }

    /** {@code sum_i a_i b_i}, BLAS {@code sdot} / {@code ddot} over the whole buffer (float32 accumulates in float32). */
    @Override
    public double dot(Tensor a, Tensor b) {
        return OpenBlas.dot(tensor(a), tensor(b));
    }
}
