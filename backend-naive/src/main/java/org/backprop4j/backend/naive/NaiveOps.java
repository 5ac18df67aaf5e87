package org.backprop4j.backend.naive;

import java.util.Arrays;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * The reference backend: plain Java loops over row-major {@code double[]}s.
 *
 * <p>Float32 is computed in double and rounded to float32 once per op, when the result is
 * stored; so float32 results are the correctly rounded values of each op's exact double
 * result, a little more accurate than a float-accumulating BLAS. That is what a reference
 * should be. Loops run along rows (unit stride) and allocate nothing.
 */
final class NaiveOps implements TensorOps {
    /** Elements of op(b) that gemm works on at a time: 256 KB of doubles, half a typical L2 cache. */
    private static final int BLOCK_DOUBLES = 32 * 1024;

    private static NaiveTensor naive(Tensor t) {
        return (NaiveTensor) t;
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new NaiveTensor(this, dtype, shape);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        System.arraycopy(src, 0, naive(dst).data, 0, src.length);
        naive(dst).roundToDType();
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        double[] d = naive(dst).data;
        for (int i = 0; i < src.length; i++) {
            d[i] = src[i];
        }
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        System.arraycopy(naive(src).data, 0, dst, 0, dst.length);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        double[] s = naive(src).data;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        double[] av = naive(a).data;
        double[] cv = naive(c).data;
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        double[] bv = transposeB ? transposed(naive(b), k, n, naive(c)) : naive(b).data;
        if (beta == 0) {
            Arrays.fill(cv, 0.0); // not cv[i] *= 0: BLAS semantics, NaN in c must not survive
        } else if (beta != 1) {
            for (int i = 0; i < cv.length; i++) {
                cv[i] *= beta;
            }
        }
        // c_i. += alpha * op(a)_ip * op(b)_p. : axpy along rows of op(b) and c (unit stride), a
        // block of op(b)'s rows at a time so that they stay in cache while every row of c passes
        int block = Math.max(1, BLOCK_DOUBLES / n);
        for (int p0 = 0; p0 < k; p0 += block) {
            int p1 = Math.min(k, p0 + block);
            for (int i = 0; i < m; i++) {
                int ci = i * n;
                for (int p = p0; p < p1; p++) {
                    double aip = alpha * (transposeA ? av[p * m + i] : av[i * k + p]);
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        cv[ci + j] += aip * bv[bp + j];
                    }
                }
            }
        }
        naive(c).roundToDType();
    }

    /**
     * {@code b^T} ({@code [k, n]} for {@code b [n, k]}) in the scratch array of the output: the
     * product then runs along rows, which the JIT vectorises, instead of as dot products along
     * rows of {@code b}, which it does not (a floating-point sum may not be reordered). The copy
     * is O(n k) against the product's O(m n k), and the array is kept for the next call.
     */
    private static double[] transposed(NaiveTensor b, int k, int n, NaiveTensor out) {
        double[] bt = out.scratch(k * n);
        double[] bv = b.data;
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = bv[j * k + p];
            }
        }
        return bt;
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        double[] av = naive(a).data;
        double[] vv = naive(v).data;
        double[] ov = naive(out).data;
        int n = vv.length;
        for (int i = 0; i < av.length; i++) {
            ov[i] = av[i] + vv[i % n];
        }
        naive(out).roundToDType();
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        double[] av = naive(a).data;
        double[] ov = naive(out).data;
        int n = ov.length;
        if (beta == 0) {
            Arrays.fill(ov, 0.0);
        } else if (beta != 1) {
            for (int j = 0; j < n; j++) {
                ov[j] *= beta;
            }
        }
        for (int i = 0; i < av.length; i += n) {
            for (int j = 0; j < n; j++) {
                ov[j] += av[i + j];
            }
        }
        naive(out).roundToDType();
    }

    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        double[] av = naive(a).data;
        double[] ov = naive(out).data;
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            double acc = op.identity();
            for (int j = i * n; j < (i + 1) * n; j++) {
                acc = op.apply(acc, av[j]);
            }
            ov[i] = acc;
        }
        naive(out).roundToDType();
    }

    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        double[] av = naive(a).data;
        double[] vv = naive(v).data;
        double[] ov = naive(out).data;
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i], vv[i / n]);
        }
        naive(out).roundToDType();
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        double[] av = naive(a).data;
        double[] bv = naive(b).data;
        double[] ov = naive(out).data;
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i], bv[i]);
        }
        naive(out).roundToDType();
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        double[] av = naive(a).data;
        double[] ov = naive(out).data;
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i]);
        }
        naive(out).roundToDType();
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        double[] xv = naive(x).data;
        double[] yv = naive(y).data;
        for (int i = 0; i < yv.length; i++) {
            yv[i] = f.forward(xv[i]);
        }
        naive(y).roundToDType();
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        double[] xv = naive(x).data;
        double[] yv = naive(y).data;
        double[] dyv = naive(dy).data;
        double[] dxv = naive(dx).data;
        for (int i = 0; i < dxv.length; i++) {
            dxv[i] = f.backward(xv[i], yv[i], dyv[i]);
        }
        naive(dx).roundToDType();
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        double[] xv = naive(x).data;
        double[] yv = naive(y).data;
        if (beta == 0) {
            for (int i = 0; i < yv.length; i++) {
                yv[i] = alpha * xv[i];
            }
        } else {
            for (int i = 0; i < yv.length; i++) {
                yv[i] = alpha * xv[i] + beta * yv[i];
            }
        }
        naive(y).roundToDType();
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        double[] av = naive(a).data;
        double[] ov = naive(out).data;
        for (int i = 0; i < ov.length; i++) {
            ov[i] = av[i] + s;
        }
        naive(out).roundToDType();
    }

    @Override
    public void fill(Tensor tensor, double value) {
        Arrays.fill(naive(tensor).data, tensor.dtype().round(value));
    }

    @Override
    public double sum(Tensor a) {
        double s = 0;
        for (double v : naive(a).data) {
            s += v;
        }
        return s;
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        double[] av = naive(a).data;
        double[] bv = naive(b).data;
        double s = 0;
        for (int i = 0; i < av.length; i++) {
            s += av[i] * bv[i];
        }
        return s;
    }
}
