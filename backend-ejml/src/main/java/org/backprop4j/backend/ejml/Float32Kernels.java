// Generated from Float64Kernels.java by build-tools' Float32Generator: edit that file, not this one.
package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * {@link DenseKernels} for float32, on {@code FMatrixRMaj} with {@code CommonOps_FDRM} (which
 * class is generated from which: {@link DenseKernels}). A cast {@code (float)} rounds a scalar,
 * given in 64 bits, to the element type; the sums are {@link DoubleSums}'.
 */
final class Float32Kernels implements DenseKernels {
    static final Float32Kernels INSTANCE = new Float32Kernels();

    private Float32Kernels() {
    }

    private static FMatrixRMaj m(EjmlTensor t) {
        return (FMatrixRMaj) t.matrix;
    }

    private static float[] data(EjmlTensor t) {
        return m(t).data;
    }

    @Override
    public Matrix zeros(int rows, int cols) {
        return new FMatrixRMaj(rows, cols);
    }

    @Override
    public void copyIn(double[] src, EjmlTensor dst) {
        float[] d = data(dst);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) src[i];
        }
    }

    @Override
    public void copyIn(float[] src, EjmlTensor dst) {
        float[] d = data(dst);
        for (int i = 0; i < d.length; i++) {
            d[i] = src[i];
        }
    }

    @Override
    public void copyOut(EjmlTensor src, double[] dst) {
        float[] s = data(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = s[i];
        }
    }

    @Override
    public void copyOut(EjmlTensor src, float[] dst) {
        float[] s = data(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    @Override
    public void mult(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c) {
        float s = (float) alpha;
        FMatrixRMaj x = (FMatrixRMaj) a;
        FMatrixRMaj y = (FMatrixRMaj) b;
        FMatrixRMaj z = (FMatrixRMaj) c;
        if (concurrent) {
            switch (product) {
                case A_B -> CommonOps_MT_FDRM.mult(s, x, y, z);
                case AT_B -> CommonOps_MT_FDRM.multTransA(s, x, y, z);
                case A_BT -> CommonOps_MT_FDRM.multTransB(s, x, y, z);
                case AT_BT -> CommonOps_MT_FDRM.multTransAB(s, x, y, z);
            }
        } else {
            switch (product) {
                case A_B -> CommonOps_FDRM.mult(s, x, y, z);
                case AT_B -> CommonOps_FDRM.multTransA(s, x, y, z);
                case A_BT -> CommonOps_FDRM.multTransB(s, x, y, z);
                case AT_BT -> CommonOps_FDRM.multTransAB(s, x, y, z);
            }
        }
    }

    @Override
    public void multAdd(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c) {
        float s = (float) alpha;
        FMatrixRMaj x = (FMatrixRMaj) a;
        FMatrixRMaj y = (FMatrixRMaj) b;
        FMatrixRMaj z = (FMatrixRMaj) c;
        if (concurrent) {
            switch (product) {
                case A_B -> CommonOps_MT_FDRM.multAdd(s, x, y, z);
                case AT_B -> CommonOps_MT_FDRM.multAddTransA(s, x, y, z);
                case A_BT -> CommonOps_MT_FDRM.multAddTransB(s, x, y, z);
                case AT_BT -> CommonOps_MT_FDRM.multAddTransAB(s, x, y, z);
            }
        } else {
            switch (product) {
                case A_B -> CommonOps_FDRM.multAdd(s, x, y, z);
                case AT_B -> CommonOps_FDRM.multAddTransA(s, x, y, z);
                case A_BT -> CommonOps_FDRM.multAddTransB(s, x, y, z);
                case AT_BT -> CommonOps_FDRM.multAddTransAB(s, x, y, z);
            }
        }
    }

    @Override
    public void transpose(EjmlTensor b, Matrix bT) {
        CommonOps_FDRM.transpose(m(b), (FMatrixRMaj) bT);
    }

    @Override
    public void add(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_FDRM.add(m(a), m(b), m(out));
    }

    @Override
    public void subtract(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_FDRM.subtract(m(a), m(b), m(out));
    }

    @Override
    public void elementMult(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_FDRM.elementMult(m(a), m(b), m(out));
    }

    @Override
    public void elementDiv(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_FDRM.elementDiv(m(a), m(b), m(out));
    }

    @Override
    public void elementMax(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        float[] av = data(a);
        float[] bv = data(b);
        float[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.max(av[i], bv[i]);
        }
    }

    @Override
    public void elementMin(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        float[] av = data(a);
        float[] bv = data(b);
        float[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.min(av[i], bv[i]);
        }
    }

    @Override
    public void elementExp(EjmlTensor a, EjmlTensor out) {
        CommonOps_FDRM.elementExp(m(a), m(out));
    }

    @Override
    public void elementLog(EjmlTensor a, EjmlTensor out) {
        CommonOps_FDRM.elementLog(m(a), m(out));
    }

    @Override
    public void abs(EjmlTensor a, EjmlTensor out) {
        CommonOps_FDRM.abs(m(a), m(out));
    }

    @Override
    public void sign(EjmlTensor a, EjmlTensor out) {
        float[] av = data(a);
        float[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.signum(av[i]) + 0; // + 0 turns signum's -0.0 into +0.0; NaN stays NaN
        }
    }

    @Override
    public void elementSqrt(EjmlTensor a, EjmlTensor out) {
        float[] av = data(a);
        float[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            // not elementPower(a, 0.5): pow(-0.0, 0.5) is +0.0, pow(-inf, 0.5) is +inf. Math.sqrt's 53-bit root
            // rounded to 24 bits is the correctly rounded float32 root, as 53 >= 2 * 24 + 2
            ov[i] = (float) Math.sqrt(av[i]);
        }
    }

    @Override
    public void scale(double alpha, EjmlTensor x, EjmlTensor out) {
        CommonOps_FDRM.scale((float) alpha, m(x), m(out));
    }

    @Override
    public void addEquals(EjmlTensor y, double alpha, EjmlTensor x) {
        CommonOps_FDRM.addEquals(m(y), (float) alpha, m(x));
    }

    @Override
    public void axpby(double alpha, EjmlTensor x, double beta, EjmlTensor y) {
        CommonOps_FDRM.add((float) alpha, m(x), (float) beta, m(y), m(y));
    }

    @Override
    public void addScalar(EjmlTensor a, double s, EjmlTensor out) {
        CommonOps_FDRM.add(m(a), (float) s, m(out));
    }

    @Override
    public void fill(EjmlTensor t, double value) {
        CommonOps_FDRM.fill(m(t), (float) value);
    }

    @Override
    public void copy(EjmlTensor src, EjmlTensor dst) {
        System.arraycopy(data(src), 0, data(dst), 0, data(dst).length);
    }

    @Override
    public void activation(Activation f, EjmlTensor x, EjmlTensor y) {
        float[] xv = data(x);
        float[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = (float) f.forward(xv[i]);
        }
    }

    @Override
    public void activationBackward(Activation f, EjmlTensor x, EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        float[] xv = data(x);
        float[] yv = data(y);
        float[] dyv = data(dy);
        float[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            dxv[i] = (float) f.backward(xv[i], yv[i], dyv[i]);
        }
    }

    @Override
    public void relu(EjmlTensor x, EjmlTensor y) {
        float[] xv = data(x);
        float[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = Math.max(xv[i], 0); // +0.0 for -0.0 and NaN for NaN, as the rule; no branch
        }
    }

    @Override
    public void zeroWhereNotPositive(EjmlTensor test, EjmlTensor value, EjmlTensor out) {
        float[] t = data(test);
        float[] v = data(value);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            int keep = t[i] <= 0 ? 0 : -1; // no bit or every bit (-1 widens to 64 ones); false for NaN: value kept
            o[i] = Float.intBitsToFloat(Float.floatToRawIntBits(v[i]) & keep);
        }
    }

    @Override
    public void scaleWhereNotPositive(EjmlTensor test, EjmlTensor value, double factor, EjmlTensor out) {
        float[] t = data(test);
        float[] v = data(value);
        float[] o = data(out);
        float s = (float) factor;
        for (int i = 0; i < o.length; i++) {
            float x = v[i];
            int keep = t[i] > 0 ? -1 : 0; // 0 for NaN: scaled
            o[i] = Float.intBitsToFloat(Float.floatToRawIntBits(x) & keep
                    | Float.floatToRawIntBits(x * s) & ~keep);
        }
    }

    @Override
    public void sigmoidBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        float[] yv = data(y);
        float[] dyv = data(dy);
        float[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            float s = yv[i];
            dxv[i] = dyv[i] * (1 - s) * s;
        }
    }

    @Override
    public void tanhBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        float[] yv = data(y);
        float[] dyv = data(dy);
        float[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            float t = yv[i];
            dxv[i] = dyv[i] * (1 - t * t);
        }
    }

    @Override
    public void addRowVector(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        float[] av = data(a);
        float[] vv = data(v);
        float[] ov = data(out);
        int n = vv.length;
        for (int row = 0; row < ov.length; row += n) {
            for (int j = 0; j < n; j++) {
                ov[row + j] = av[row + j] + vv[j];
            }
        }
    }

    @Override
    public void sumRows(EjmlTensor a, EjmlTensor sums) {
        DoubleSums.sumRows(m(a), m(sums));
    }

    @Override
    public void maxRows(EjmlTensor a, EjmlTensor maxima) {
        float[] av = data(a);
        float[] mv = data(maxima);
        int n = av.length / mv.length;
        for (int i = 0; i < mv.length; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = i * n; j < (i + 1) * n; j++) {
                max = Math.max(max, av[j]); // NaN wins, as it must; not v > max, which loses it
            }
            mv[i] = max;
        }
    }

    @Override
    public void addColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        float[] av = data(a);
        float[] vv = data(v);
        float[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            float vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = av[j] + vi;
            }
        }
    }

    @Override
    public void subtractColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        float[] av = data(a);
        float[] vv = data(v);
        float[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            float vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = av[j] - vi;
            }
        }
    }

    @Override
    public void multRows(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        if (out != a) {
            System.arraycopy(data(a), 0, data(out), 0, data(out).length);
        }
        CommonOps_FDRM.multRows(data(v), m(out));
    }

    @Override
    public void divideRows(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        if (out != a) {
            System.arraycopy(data(a), 0, data(out), 0, data(out).length);
        }
        CommonOps_FDRM.divideRows(data(v), m(out));
    }

    @Override
    public void maxColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        float[] av = data(a);
        float[] vv = data(v);
        float[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            float vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = Math.max(av[j], vi);
            }
        }
    }

    @Override
    public void minColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        float[] av = data(a);
        float[] vv = data(v);
        float[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            float vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = Math.min(av[j], vi);
            }
        }
    }

    @Override
    public void sumCols(EjmlTensor a, EjmlTensor sums) {
        CommonOps_FDRM.sumCols(m(a), m(sums));
    }

    @Override
    public void addSumCols(EjmlTensor a, EjmlTensor sums) {
        float[] av = data(a);
        float[] sv = data(sums);
        int n = sv.length;
        for (int row = 0; row < av.length; row += n) {
            for (int j = 0; j < n; j++) {
                sv[j] += av[row + j];
            }
        }
    }

    @Override
    public double elementSum(EjmlTensor a) {
        return DoubleSums.elementSum(m(a));
    }

    @Override
    public double dot(EjmlTensor a, EjmlTensor b) {
        return DoubleSums.dot(m(a), m(b));
    }
}
