package org.backprop4j.backend.vector;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * The ops of the vector backend: products go to the dtype's packed product ({@link Float32Gemm},
 * {@link Float64Gemm}), which splits large ones among this backend's {@link WorkerPool}; every
 * other op goes to the tensors' {@link DTypeKernels} on the calling thread. Both dtypes' classes
 * are generated from one template each (see the module README).
 *
 * <p>Safe for use by several threads at once on distinct output tensors: the kernels keep no
 * state, each thread packs into buffers of its own, and a product that finds the pool busy with
 * another thread's product runs on its caller's thread instead of waiting.
 */
final class VectorOps implements TensorOps {
    private final WorkerPool pool;
    private final Float32Gemm float32Gemm;
    private final Float64Gemm float64Gemm;

    /**
     * Ops whose products may use {@code threads} threads, the caller's included.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    VectorOps(int threads) {
        this.pool = new WorkerPool(threads);
        this.float32Gemm = new Float32Gemm(pool);
        this.float64Gemm = new Float64Gemm(pool);
    }

    /** The number of threads a product may use. */
    int threads() {
        return pool.threads();
    }

    private static VectorTensor t(Tensor t) {
        return (VectorTensor) t;
    }

    private static DTypeKernels k(Tensor t) {
        return t(t).kernels;
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new VectorTensor(this, dtype, shape);
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

    /** See {@link Float32Gemm} for the algorithm and the order in which each element is summed. */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        product(c.dtype()).multiply(alpha, t(a), transposeA, t(b), transposeB, beta, t(c));
    }

    private MatrixProduct product(DType dtype) {
        return switch (dtype) { // a switch expression: a new DType fails to compile here
            case FLOAT32 -> float32Gemm;
            case FLOAT64 -> float64Gemm;
        };
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        k(out).addRowVector(t(a), t(v), t(out));
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        k(out).columnSums(t(a), beta, t(out));
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        k(out).rowReduce(op, t(a), t(out));
    }

    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        k(out).rowBroadcast(op, t(a), t(v), t(out));
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        k(out).binary(op, t(a), t(b), t(out));
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        k(out).unary(op, t(a), t(out));
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        k(y).activation(f, t(x), t(y));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        k(dx).activationBackward(f, t(x), t(y), t(dy), t(dx));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        k(y).axpby(alpha, t(x), beta, t(y));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        k(out).addScalar(t(a), s, t(out));
    }

    @Override
    public void fill(Tensor t, double value) {
        k(t).fill(t(t), value);
    }

    // ---- reductions ------------------------------------------------------------------------

    @Override
    public double sum(Tensor a) {
        return k(a).sum(t(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return k(a).dot(t(a), t(b));
    }
}
