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
 *       ({@code 1^T a}) and {@code addRowVector} ({@code a + 1 v}) as products with a cached
 *       row of ones; {@code axpby} as {@code scal} and {@code axpy} (a loop when {@code beta}
 *       is 0 or {@code x} is {@code y}); {@code copy}; {@code dot}.</li>
 *   <li>Everything elementwise is a Java loop over the tensors' {@link Elements}, applying the
 *       API's reference rule for one element ({@link BinaryOp#apply}, {@link UnaryOp#apply},
 *       {@link Activation#forward}, {@link Activation#backward}) in {@code double} and rounding
 *       once to the tensor's type. That is PyTorch's convention by construction (ReLU's gradient
 *       0 at 0 and {@code dy} through a NaN output, LeakyReLU's slope at 0, MAX propagating
 *       NaN, an accurate tanh), and each loop reads element {@code i} of every input before it
 *       writes element {@code i} of the output, so an output may be any of the inputs. ReLU and
 *       LeakyReLU, the common activations, are their rules written without a branch per
 *       element ({@link Elements#zeroWhereNotPositive}, {@link Elements#scaleWhereNotPositive}).</li>
 * </ul>
 * Nothing is allocated on the Java heap per call. Thread-safe: the only shared state is the
 * rows of ones, which are never written once published.
 */
final class Nd4jOps implements TensorOps {

    /** Per dtype (by ordinal), the longest row of ones made so far; read-only once published. */
    private final AtomicReferenceArray<Nd4jTensor> onesRows = new AtomicReferenceArray<>(DType.values().length);

    private static Nd4jTensor t(Tensor t) {
        return (Nd4jTensor) t;
    }

    private static Elements el(Tensor t) {
        return ((Nd4jTensor) t).elements;
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
        el(dst).copyFrom(src);
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        el(dst).copyFrom(src);
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        el(src).copyTo(dst);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        el(src).copyTo(dst);
    }

    /** {@code dst = src}, an exact copy with BLAS {@code ?copy}. */
    @Override
    public void copy(Tensor src, Tensor dst) {
        if (src != dst) {
            OpenBlas.copy(t(src), t(dst));
        }
    }

    // ---- linear algebra --------------------------------------------------------------------

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        OpenBlas.gemm(alpha, t(a), transposeA, t(b), transposeB, beta, t(c));
    }

    /**
     * {@code out = a + 1 v}: copies {@code a} into {@code out} unless they are the same tensor,
     * then adds the rank-1 product of a column of ones ({@code [rows, 1]}) and the row {@code v}
     * with BLAS ({@code beta = 1}). Each element gets one correctly rounded addition,
     * {@code a_ij + 1 v_j}.
     */
    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        Nd4jTensor result = t(out);
        if (out != a) {
            OpenBlas.copy(t(a), result);
        }
        int rows = out.shape().rows();
        int cols = out.shape().cols();
        OpenBlas.gemm(out.dtype(), false, false, rows, cols, 1, 1.0, onesRow(out.dtype(), rows).address, 1,
                t(v).address, cols, 1.0, result.address, cols);
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
                t(a).address, cols, beta, t(out).address, cols);
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

    /** {@code out_i = op_j a_ij}: a loop, reduced in {@code double} and rounded once. */
    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        Elements av = el(a);
        Elements ov = el(out);
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            double acc = op.identity();
            for (int j = i * n; j < (i + 1) * n; j++) {
                acc = op.apply(acc, av.get(j));
            }
            ov.set(i, acc);
        }
    }

    /** {@code out_ij = a_ij op v_i}: a loop, computed in {@code double} and rounded once. */
    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        Elements av = el(a);
        Elements vv = el(v);
        Elements ov = el(out);
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            ov.set(i, op.apply(av.get(i), vv.get(i / n)));
        }
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Elements av = el(a);
        Elements bv = el(b);
        Elements ov = el(out);
        for (int i = 0; i < ov.length; i++) {
            ov.set(i, op.apply(av.get(i), bv.get(i)));
        }
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        Elements av = el(a);
        Elements ov = el(out);
        for (int i = 0; i < ov.length; i++) {
            ov.set(i, op.apply(av.get(i)));
        }
    }

    /**
     * {@code y = f(x)}: ReLU and LeakyReLU as {@link Elements#zeroWhereNotPositive} and
     * {@link Elements#scaleWhereNotPositive}, their rules without a branch per element; the
     * others as their reference rule.
     */
    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        Elements xv = el(x);
        Elements yv = el(y);
        switch (f.kind()) {
            case RELU -> yv.zeroWhereNotPositive(xv, xv);
            case LEAKY_RELU -> yv.scaleWhereNotPositive(xv, xv, f.negativeSlope());
            default -> referenceForward(f, xv, yv);
        }
    }

    private static void referenceForward(Activation f, Elements xv, Elements yv) {
        for (int i = 0; i < yv.length; i++) {
            yv.set(i, f.forward(xv.get(i)));
        }
    }

    /**
     * {@code dx = dy f'(x)}: ReLU ({@code y <= 0 ? 0 : dy}) and LeakyReLU ({@code x > 0 ? dy : s
     * dy}) as {@link Elements#zeroWhereNotPositive} and {@link Elements#scaleWhereNotPositive},
     * without a branch per element; the others as their reference rule.
     */
    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Elements xv = el(x);
        Elements yv = el(y);
        Elements dyv = el(dy);
        Elements dxv = el(dx);
        switch (f.kind()) {
            case RELU -> dxv.zeroWhereNotPositive(yv, dyv);
            case LEAKY_RELU -> dxv.scaleWhereNotPositive(xv, dyv, f.negativeSlope());
            default -> referenceBackward(f, xv, yv, dyv, dxv);
        }
    }

    private static void referenceBackward(Activation f, Elements xv, Elements yv, Elements dyv, Elements dxv) {
        for (int i = 0; i < dxv.length; i++) {
            dxv.set(i, f.backward(xv.get(i), yv.get(i), dyv.get(i)));
        }
    }

    /**
     * {@code y = alpha x + beta y}. With {@code beta == 0}, {@code y = alpha x} without reading
     * {@code y}; with {@code x} and {@code y} the same tensor, {@code y = (alpha + beta) y}; both
     * are loops (BLAS's {@code scal} by 0 would turn NaN into 0). Otherwise BLAS level 1:
     * {@code scal} ({@code y = beta y}, skipped for 1), then {@code axpy} ({@code y = alpha x + y}).
     */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (beta == 0 || x == y) {
            double factor = beta == 0 ? alpha : alpha + beta;
            Elements xv = el(x);
            Elements yv = el(y);
            for (int i = 0; i < yv.length; i++) {
                yv.set(i, factor * xv.get(i));
            }
        } else {
            if (beta != 1) {
                OpenBlas.scal(beta, t(y));
            }
            OpenBlas.axpy(alpha, t(x), t(y));
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        Elements av = el(a);
        Elements ov = el(out);
        for (int i = 0; i < ov.length; i++) {
            ov.set(i, av.get(i) + s);
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        el(t).fill(value); // a float32 tensor stores (float) value
    }

    // ---- reductions ------------------------------------------------------------------------

    /** {@code sum_i a_i}, accumulated in {@code double} in both dtypes. */
    @Override
    public double sum(Tensor a) {
        Elements av = el(a);
        double s = 0;
        for (int i = 0; i < av.length; i++) {
            s += av.get(i);
        }
        return s;
    }

    /** {@code sum_i a_i b_i}, BLAS {@code sdot} / {@code ddot} over the whole buffer (float32 accumulates in float32). */
    @Override
    public double dot(Tensor a, Tensor b) {
        return OpenBlas.dot(t(a), t(b));
    }
}
