package com.example.backprop4j.template;

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
 * The template backend's ops: plain loops over row-major {@code double[]}s. The formulas,
 * special cases and aliasing rules of each op are those of {@link org.backprop4j.api.Backend},
 * which checks every argument before a call reaches this class: shapes match, dtypes agree,
 * every tensor is this backend's, and an output aliases an input only where the op allows it.
 *
 * <p>Every loop reads element {@code i} of its inputs before it writes element {@code i} of
 * the output and touches nothing else, so every elementwise op may run in place. {@link #gemm}
 * writes {@code c} while it still reads {@code a} and {@code b}, which is why the facade never
 * lets {@code c} alias them. The ops keep no state: one instance serves every thread, as long
 * as no two threads write the same tensor.
 */
final class TemplateOps implements TensorOps {

    private static double[] data(Tensor t) {
        return ((TemplateTensor) t).data;
    }

    private static void round(Tensor t) {
        ((TemplateTensor) t).round();
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new TemplateTensor(this, dtype, shape);
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        System.arraycopy(src, 0, data(dst), 0, src.length);
        round(dst);
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        double[] d = data(dst);
        for (int i = 0; i < src.length; i++) {
            d[i] = src[i];
        }
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        System.arraycopy(data(src), 0, dst, 0, dst.length);
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        double[] s = data(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    // ---- linear algebra --------------------------------------------------------------------

    /**
     * {@code c_ij = alpha sum_p op(a)_ip op(b)_pj + beta c_ij}. With {@code beta == 0}, {@code c}
     * is not read (BLAS semantics: NaN in {@code c} must not survive, and {@code 0 * NaN} is NaN).
     */
    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        double[] av = data(a);
        double[] bv = data(b);
        double[] cv = data(c);
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transposeA ? av[p * m + i] : av[i * k + p];
                    double bpj = transposeB ? bv[j * k + p] : bv[p * n + j];
                    sum += aip * bpj;
                }
                cv[i * n + j] = beta == 0 ? alpha * sum : alpha * sum + beta * cv[i * n + j];
            }
        }
        round(c);
    }

    /** {@code out_ij = a_ij + v_j}. */
    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = vv.length;
        for (int i = 0; i < ov.length; i++) {
            ov[i] = av[i] + vv[i % n];
        }
        round(out);
    }

    /** {@code out_j = beta out_j + sum_i a_ij}; with {@code beta == 0}, {@code out} is not read. */
    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        int n = ov.length;
        for (int j = 0; j < n; j++) {
            ov[j] = beta == 0 ? 0 : beta * ov[j];
        }
        for (int i = 0; i < av.length; i += n) {
            for (int j = 0; j < n; j++) {
                ov[j] += av[i + j];
            }
        }
        round(out);
    }

    /** {@code out_i = op_j a_ij}, starting from the op's identity (0 for SUM, -infinity for MAX). */
    @Override
    public void rowReduce(ReduceOp op, Tensor a, Tensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            double acc = op.identity();
            for (int j = i * n; j < (i + 1) * n; j++) {
                acc = op.apply(acc, av[j]);
            }
            ov[i] = acc;
        }
        round(out);
    }

    /** {@code out_ij = a_ij op v_i}. */
    @Override
    public void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = a.shape().cols();
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i], vv[i / n]);
        }
        round(out);
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        double[] av = data(a);
        double[] bv = data(b);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i], bv[i]);
        }
        round(out);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = op.apply(av[i]);
        }
        round(out);
    }

    /** {@code y_i = f(x_i)}, by the reference rule {@link Activation#forward}. */
    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        double[] xv = data(x);
        double[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = f.forward(xv[i]);
        }
        round(y);
    }

    /** {@code dx_i = dy_i f'(x_i)}, by the reference rule {@link Activation#backward}. */
    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        double[] xv = data(x);
        double[] yv = data(y);
        double[] dyv = data(dy);
        double[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            dxv[i] = f.backward(xv[i], yv[i], dyv[i]);
        }
        round(dx);
    }

    /** {@code y = alpha x + beta y}; with {@code beta == 0}, {@code y} is not read. */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        double[] xv = data(x);
        double[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = beta == 0 ? alpha * xv[i] : alpha * xv[i] + beta * yv[i];
        }
        round(y);
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = av[i] + s;
        }
        round(out);
    }

    @Override
    public void fill(Tensor t, double value) {
        Arrays.fill(data(t), t.dtype().round(value));
    }

    // ---- reductions ------------------------------------------------------------------------

    /** The sum in double, for either dtype. */
    @Override
    public double sum(Tensor a) {
        double s = 0;
        for (double v : data(a)) {
            s += v;
        }
        return s;
    }

    /** The dot product in double, for either dtype. */
    @Override
    public double dot(Tensor a, Tensor b) {
        double[] av = data(a);
        double[] bv = data(b);
        double s = 0;
        for (int i = 0; i < av.length; i++) {
            s += av[i] * bv[i];
        }
        return s;
    }
}
