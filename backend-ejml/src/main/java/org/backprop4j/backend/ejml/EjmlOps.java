package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * The ops of the EJML backend: decides, once for both dtypes, which EJML call serves each op and
 * its special cases, and hands the call to the tensors' {@link DenseKernels} ({@code CommonOps_DDRM}
 * for float64, {@code CommonOps_FDRM} for float32). Nothing is converted or copied per op: the
 * tensors are EJML matrices.
 *
 * <p>Matrix products run on EJML's thread pool ({@code CommonOps_MT_*}) when they have at least
 * {@link #CONCURRENT_MULTIPLY_ADDS} multiply-adds and more than one row to split; below that,
 * handing rows to the pool costs more than it saves (figures in the module README).
 */
final class EjmlOps implements TensorOps {
    /**
     * Products with at least this many multiply-adds ({@code m n k}: 2^20, e.g. 32x128x256) use
     * the concurrent kernels. Measured on 2 cores: handing the rows to the pool costs about 15 µs,
     * so below 2^18 the concurrent kernels were slower in 91 of 96 measurements; from 2^20 on they
     * were faster in 86 of 114 (median 1.1x with other jobs on the machine, 1.7-2x at 128³ and
     * 256³ in the least loaded run).
     */
    static final long CONCURRENT_MULTIPLY_ADDS = 1L << 20;

    private final long concurrentMultiplyAdds;

    EjmlOps() {
        this(CONCURRENT_MULTIPLY_ADDS);
    }

    /** With another threshold: tests run every product serially ({@code Long.MAX_VALUE}) or concurrently (0). */
    EjmlOps(long concurrentMultiplyAdds) {
        this.concurrentMultiplyAdds = concurrentMultiplyAdds;
    }

    private static EjmlTensor t(Tensor t) {
        return (EjmlTensor) t;
    }

    private static DenseKernels k(Tensor t) {
        return t(t).kernels;
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new EjmlTensor(this, dtype, shape);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        k(dst).copyIn(src, t(dst));
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        k(dst).copyIn(src, t(dst));
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        k(src).copyOut(t(src), dst);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        k(src).copyOut(t(src), dst);
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * {@code beta == 0}: {@code mult*}, which writes {@code c} without reading it, so NaN in
     * {@code c} does not survive (not {@code scale(0, c)}: {@code 0 * NaN} is NaN).
     * Otherwise {@code c = beta c} unless {@code beta == 1}, then {@code multAdd*}.
     */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        Product product = Product.of(transposeA, transposeB);
        int m = c.shape().rows();
        int inner = transposeA ? a.shape().rows() : a.shape().cols();
        boolean concurrent = m > 1 && (long) m * c.shape().cols() * inner >= concurrentMultiplyAdds;
        DenseKernels k = k(c);
        if (beta == 0) {
            k.mult(product, concurrent, alpha, t(a), t(b), t(c));
        } else {
            if (beta != 1) {
                k.scale(beta, t(c), t(c));
            }
            k.multAdd(product, concurrent, alpha, t(a), t(b), t(c));
        }
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        k(out).addRowVector(t(a), t(v), t(out));
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        DenseKernels k = k(out);
        if (beta == 0) {
            k.sumCols(t(a), t(out)); // out not read
        } else {
            if (beta != 1) {
                k.scale(beta, t(out), t(out));
            }
            k.addSumCols(t(a), t(out));
        }
    }

    // ---- elementwise -----------------------------------------------------------------------

    /** One of the kernels' elementwise methods of two operands. */
    @FunctionalInterface
    private interface BinaryKernel {
        void apply(DenseKernels kernels, EjmlTensor a, EjmlTensor b, EjmlTensor out);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        BinaryKernel kernel = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> DenseKernels::add;
            case SUB -> DenseKernels::subtract;
            case MUL -> DenseKernels::elementMult;
            case DIV -> DenseKernels::elementDiv;
            case MAX -> DenseKernels::elementMax;
        };
        kernel.apply(k(out), t(a), t(b), t(out));
    }

    /** One of the kernels' elementwise methods of one operand. */
    @FunctionalInterface
    private interface UnaryKernel {
        void apply(DenseKernels kernels, EjmlTensor a, EjmlTensor out);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        UnaryKernel kernel = switch (op) { // a switch expression: a new UnaryOp fails to compile here
            case SQRT -> DenseKernels::elementSqrt;
            case SQUARE -> (kernels, x, y) -> kernels.elementMult(x, x, y);
        };
        kernel.apply(k(out), t(a), t(out));
    }

    @Override
    public void activation(Activation f, double negativeSlope, Tensor x, Tensor y) {
        k(y).activation(f, negativeSlope, t(x), t(y));
    }

    @Override
    public void activationBackward(Activation f, double negativeSlope, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        k(dx).activationBackward(f, negativeSlope, t(x), t(y), t(dy), t(dx));
    }

    /** {@code beta == 0}: {@code scale}, which does not read {@code y}; {@code beta == 1}: {@code addEquals}. */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        DenseKernels k = k(y);
        if (beta == 0) {
            k.scale(alpha, t(x), t(y));
        } else if (beta == 1) {
            k.addEquals(t(y), alpha, t(x));
        } else {
            k.add(alpha, t(x), beta, t(y));
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        k(out).add(t(a), s, t(out));
    }

    @Override
    public void fill(Tensor t, double value) {
        k(t).fill(t(t), value);
    }

    // ---- reductions ------------------------------------------------------------------------

    @Override
    public double sum(Tensor a) {
        return k(a).elementSum(t(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return k(a).dot(t(a), t(b));
    }
}
