package org.backprop4j.conformance.broken;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * A {@link TensorOps} that forwards every op to another one (the naive backend's): the base of the
 * deliberately broken backends, which override one op each. Tensors are wrapped so that the
 * {@link org.backprop4j.api.Backend} facade sees this object as their owner.
 */
class DecoratedOps implements TensorOps {
    /** A tensor of the delegate, owned (for the facade) by the decorator. */
    record Wrapped(Tensor inner, TensorOps owner) implements Tensor {
        @Override
        public Shape shape() {
            return inner.shape();
        }

        @Override
        public DType dtype() {
            return inner.dtype();
        }
    }

    final TensorOps delegate;

    DecoratedOps(TensorOps delegate) {
        this.delegate = delegate;
    }

    static Tensor in(Tensor t) {
        return t == null ? null : ((Wrapped) t).inner();
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new Wrapped(delegate.zeros(dtype, shape), this);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        delegate.copyIn(src, in(dst));
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        delegate.copyIn(src, in(dst));
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        delegate.copyOut(in(src), dst);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        delegate.copyOut(in(src), dst);
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        delegate.gemm(alpha, in(a), transposeA, in(b), transposeB, beta, in(c));
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        delegate.addRowVector(in(a), in(v), in(out));
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        delegate.columnSums(in(a), beta, in(out));
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        delegate.rowReduce(op, in(a), in(out));
    }

    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        delegate.rowBroadcast(op, in(a), in(v), in(out));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        delegate.binary(op, in(a), in(b), in(out));
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        delegate.unary(op, in(a), in(out));
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        delegate.activation(f, in(x), in(y));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        delegate.activationBackward(f, in(x), in(y), in(dy), in(dx));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        delegate.axpby(alpha, in(x), beta, in(y));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        delegate.addScalar(in(a), s, in(out));
    }

    @Override
    public void fill(Tensor t, double value) {
        delegate.fill(in(t), value);
    }

    @Override
    public double sum(Tensor a) {
        return delegate.sum(in(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return delegate.dot(in(a), in(b));
    }
}
