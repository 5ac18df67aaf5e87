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
 * other op goes to the tensors' {@link DTypeKernels} on the calling thread. The float32 classes
 * are generated from the float64 ones (see {@link DTypeKernels}).
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

    /** The vector tensor behind {@code t}, which the facade checked is one of this backend's. */
    private static VectorTensor tensor(Tensor t) {
        return (VectorTensor) t;
    }

    /** The kernels of {@code t}'s dtype. */
    private static DTypeKernels kernels(Tensor t) {
        return tensor(t).kernels;
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new VectorTensor(this, dtype, shape);
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

    /** See {@link Float32Gemm} for the algorithm and the order in which each element is summed. */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        product(c.dtype()).multiply(alpha, tensor(a), transposeA, tensor(b), transposeB, beta, tensor(c));
    }

    private MatrixProduct product(DType dtype) {
        return switch (dtype) { // a switch expression: a new DType fails to compile here
            case FLOAT32 -> float32Gemm;
            case FLOAT64 -> float64Gemm;
        };
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        kernels(out).addRowVector(tensor(a), tensor(v), tensor(out));
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        kernels(out).columnSums(tensor(a), beta, tensor(out));
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        kernels(out).rowReduce(op, tensor(a), tensor(out));
    }

    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        kernels(out).rowBroadcast(op, tensor(a), tensor(v), tensor(out));
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        kernels(out).binary(op, tensor(a), tensor(b), tensor(out));
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        kernels(out).unary(op, tensor(a), tensor(out));
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        kernels(y).activation(f, tensor(x), tensor(y));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        kernels(dx).activationBackward(f, tensor(x), tensor(y), tensor(dy), tensor(dx));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        kernels(y).axpby(alpha, tensor(x), beta, tensor(y));
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
        return kernels(a).sum(tensor(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return kernels(a).dot(tensor(a), tensor(b));
    }
}
