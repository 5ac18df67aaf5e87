package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * {@link DenseKernels} for float64, on {@code DMatrixRMaj} with {@code CommonOps_DDRM} (which
 * class is generated from which: {@link DenseKernels}). A cast {@code (double)} rounds a scalar,
 * given in 64 bits, to the element type; the sums are {@link DoubleSums}'.
 */
final class Float64Kernels implements DenseKernels {
    static final Float64Kernels INSTANCE = new Float64Kernels();

    private Float64Kernels() {
    }

    private static DMatrixRMaj m(EjmlTensor t) {
        return (DMatrixRMaj) t.matrix;
    }

    private static double[] data(EjmlTensor t) {
        return m(t).data;
    }

    @Override
    public Matrix zeros(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    @Override
    public void copyIn(double[] src, EjmlTensor dst) {
        double[] d = data(dst);
        for (int i = 0; i < d.length; i++) {
            d[i] = (double) src[i];
        }
    }

    @Override
    public void copyIn(float[] src, EjmlTensor dst) {
        double[] d = data(dst);
        for (int i = 0; i < d.length; i++) {
            d[i] = src[i];
        }
    }

    @Override
    public void copyOut(EjmlTensor src, double[] dst) {
        double[] s = data(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = s[i];
        }
    }

    @Override
    public void copyOut(EjmlTensor src, float[] dst) {
        double[] s = data(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    @Override
    public void mult(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c) {
        double s = (double) alpha;
        DMatrixRMaj x = (DMatrixRMaj) a;
        DMatrixRMaj y = (DMatrixRMaj) b;
        DMatrixRMaj z = (DMatrixRMaj) c;
        if (concurrent) {
            switch (product) {
                case A_B -> CommonOps_MT_DDRM.mult(s, x, y, z);
                case AT_B -> CommonOps_MT_DDRM.multTransA(s, x, y, z);
                case A_BT -> CommonOps_MT_DDRM.multTransB(s, x, y, z);
                case AT_BT -> CommonOps_MT_DDRM.multTransAB(s, x, y, z);
            }
        } else {
            switch (product) {
                case A_B -> CommonOps_DDRM.mult(s, x, y, z);
                case AT_B -> CommonOps_DDRM.multTransA(s, x, y, z);
                case A_BT -> CommonOps_DDRM.multTransB(s, x, y, z);
                case AT_BT -> CommonOps_DDRM.multTransAB(s, x, y, z);
            }
        }
    }

    @Override
    public void multAdd(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c) {
        double s = (double) alpha;
        DMatrixRMaj x = (DMatrixRMaj) a;
        DMatrixRMaj y = (DMatrixRMaj) b;
        DMatrixRMaj z = (DMatrixRMaj) c;
        if (concurrent) {
            switch (product) {
                case A_B -> CommonOps_MT_DDRM.multAdd(s, x, y, z);
                case AT_B -> CommonOps_MT_DDRM.multAddTransA(s, x, y, z);
                case A_BT -> CommonOps_MT_DDRM.multAddTransB(s, x, y, z);
                case AT_BT -> CommonOps_MT_DDRM.multAddTransAB(s, x, y, z);
            }
        } else {
            switch (product) {
                case A_B -> CommonOps_DDRM.multAdd(s, x, y, z);
                case AT_B -> CommonOps_DDRM.multAddTransA(s, x, y, z);
                case A_BT -> CommonOps_DDRM.multAddTransB(s, x, y, z);
                case AT_BT -> CommonOps_DDRM.multAddTransAB(s, x, y, z);
            }
        }
    }

    @Override
    public void transpose(EjmlTensor b, Matrix bT) {
        CommonOps_DDRM.transpose(m(b), (DMatrixRMaj) bT);
    }

    @Override
    public void add(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_DDRM.add(m(a), m(b), m(out));
    }

    @Override
    public void subtract(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_DDRM.subtract(m(a), m(b), m(out));
    }

    @Override
    public void elementMult(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_DDRM.elementMult(m(a), m(b), m(out));
    }

    @Override
    public void elementDiv(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        CommonOps_DDRM.elementDiv(m(a), m(b), m(out));
    }

    @Override
    public void elementMax(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        double[] av = data(a);
        double[] bv = data(b);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.max(av[i], bv[i]);
        }
    }

    @Override
    public void elementMin(EjmlTensor a, EjmlTensor b, EjmlTensor out) {
        double[] av = data(a);
        double[] bv = data(b);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.min(av[i], bv[i]);
        }
    }

    @Override
    public void elementExp(EjmlTensor a, EjmlTensor out) {
        CommonOps_DDRM.elementExp(m(a), m(out));
    }

    @Override
    public void elementLog(EjmlTensor a, EjmlTensor out) {
        CommonOps_DDRM.elementLog(m(a), m(out));
    }

    @Override
    public void abs(EjmlTensor a, EjmlTensor out) {
        CommonOps_DDRM.abs(m(a), m(out));
    }

    @Override
    public void sign(EjmlTensor a, EjmlTensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            ov[i] = Math.signum(av[i]) + 0; // + 0 turns signum's -0.0 into +0.0; NaN stays NaN
        }
    }

    @Override
    public void elementSqrt(EjmlTensor a, EjmlTensor out) {
        double[] av = data(a);
        double[] ov = data(out);
        for (int i = 0; i < ov.length; i++) {
            // not elementPower(a, 0.5): pow(-0.0, 0.5) is +0.0, pow(-inf, 0.5) is +inf. Math.sqrt's 53-bit root
            // rounded to 24 bits is the correctly rounded float32 root, as 53 >= 2 * 24 + 2
            ov[i] = (double) Math.sqrt(av[i]);
        }
    }

    @Override
    public void scale(double alpha, EjmlTensor x, EjmlTensor out) {
        CommonOps_DDRM.scale((double) alpha, m(x), m(out));
    }

    @Override
    public void addEquals(EjmlTensor y, double alpha, EjmlTensor x) {
        CommonOps_DDRM.addEquals(m(y), (double) alpha, m(x));
    }

    @Override
    public void axpby(double alpha, EjmlTensor x, double beta, EjmlTensor y) {
        CommonOps_DDRM.add((double) alpha, m(x), (double) beta, m(y), m(y));
    }

    @Override
    public void addScalar(EjmlTensor a, double s, EjmlTensor out) {
        CommonOps_DDRM.add(m(a), (double) s, m(out));
    }

    @Override
    public void fill(EjmlTensor t, double value) {
        CommonOps_DDRM.fill(m(t), (double) value);
    }

    @Override
    public void copy(EjmlTensor src, EjmlTensor dst) {
        System.arraycopy(data(src), 0, data(dst), 0, data(dst).length);
    }

    @Override
    public void activation(Activation f, EjmlTensor x, EjmlTensor y) {
        double[] xv = data(x);
        double[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = (double) f.forward(xv[i]);
        }
    }

    @Override
    public void activationBackward(Activation f, EjmlTensor x, EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        double[] xv = data(x);
        double[] yv = data(y);
        double[] dyv = data(dy);
        double[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            dxv[i] = (double) f.backward(xv[i], yv[i], dyv[i]);
        }
    }

    @Override
    public void relu(EjmlTensor x, EjmlTensor y) {
        double[] xv = data(x);
        double[] yv = data(y);
        for (int i = 0; i < yv.length; i++) {
            yv[i] = Math.max(xv[i], 0); // +0.0 for -0.0 and NaN for NaN, as the rule; no branch
        }
    }

    @Override
    public void zeroWhereNotPositive(EjmlTensor test, EjmlTensor value, EjmlTensor out) {
        double[] t = data(test);
        double[] v = data(value);
        double[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            int keep = t[i] <= 0 ? 0 : -1; // no bit or every bit (-1 widens to 64 ones); false for NaN: value kept
            o[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v[i]) & keep);
        }
    }

    @Override
    public void scaleWhereNotPositive(EjmlTensor test, EjmlTensor value, double factor, EjmlTensor out) {
        double[] t = data(test);
        double[] v = data(value);
        double[] o = data(out);
        double s = (double) factor;
        for (int i = 0; i < o.length; i++) {
            double x = v[i];
            int keep = t[i] > 0 ? -1 : 0; // 0 for NaN: scaled
            o[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & keep
                    | Double.doubleToRawLongBits(x * s) & ~keep);
        }
    }

    @Override
    public void sigmoidBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        double[] yv = data(y);
        double[] dyv = data(dy);
        double[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            double s = yv[i];
            dxv[i] = dyv[i] * (1 - s) * s;
        }
    }

    @Override
    public void tanhBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx) {
        double[] yv = data(y);
        double[] dyv = data(dy);
        double[] dxv = data(dx);
        for (int i = 0; i < dxv.length; i++) {
            double t = yv[i];
            dxv[i] = dyv[i] * (1 - t * t);
        }
    }

    @Override
    public void addRowVector(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
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
        double[] av = data(a);
        double[] mv = data(maxima);
        int n = av.length / mv.length;
        for (int i = 0; i < mv.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = i * n; j < (i + 1) * n; j++) {
                max = Math.max(max, av[j]); // NaN wins, as it must; not v > max, which loses it
            }
            mv[i] = max;
        }
    }

    @Override
    public void addColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            double vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = av[j] + vi;
            }
        }
    }

    @Override
    public void subtractColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            double vi = vv[i];
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
        CommonOps_DDRM.multRows(data(v), m(out));
    }

    @Override
    public void divideRows(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        if (out != a) {
            System.arraycopy(data(a), 0, data(out), 0, data(out).length);
        }
        CommonOps_DDRM.divideRows(data(v), m(out));
    }

    @Override
    public void maxColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            double vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = Math.max(av[j], vi);
            }
        }
    }

    @Override
    public void minColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out) {
        double[] av = data(a);
        double[] vv = data(v);
        double[] ov = data(out);
        int n = av.length / vv.length;
        for (int i = 0, row = 0; i < vv.length; i++, row += n) {
            double vi = vv[i];
            for (int j = row; j < row + n; j++) {
                ov[j] = Math.min(av[j], vi);
            }
        }
    }

    @Override
    public void sumCols(EjmlTensor a, EjmlTensor sums) {
        CommonOps_DDRM.sumCols(m(a), m(sums));
    }

    @Override
    public void addSumCols(EjmlTensor a, EjmlTensor sums) {
        double[] av = data(a);
        double[] sv = data(sums);
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
