package org.backprop4j.api;

import org.backprop4j.api.spi.TensorOps;

/**
 * An ops table that computes nothing: {@link #zeros} makes {@link StubTensor}s and every other op
 * either returns at once or, when {@link #failure} is set, throws it. Unlike a
 * {@link java.lang.reflect.Proxy}, a call allocates nothing, so a test can count what the facade
 * itself allocates around a call.
 */
class StubOps implements TensorOps {
    /** A tensor of {@link StubOps}: shape, dtype and owner, no storage. */
    record StubTensor(Shape shape, DType dtype, TensorOps owner) implements Tensor {
    }

    /** Thrown by every op but {@link #zeros} when not null. */
    RuntimeException failure;

    private void call() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new StubTensor(shape, dtype, this);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        call();
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        call();
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        call();
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        call();
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        call();
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        call();
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        call();
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        call();
    }

    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        call();
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        call();
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        call();
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        call();
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        call();
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        call();
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        call();
    }

    @Override
    public void fill(Tensor t, double value) {
        call();
    }

    @Override
    public double sum(Tensor a) {
        call();
        return 0;
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        call();
        return 0;
    }
}
