package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * The op contract's checks of the linear algebra: {@code gemm} (every transpose case, the
 * meaning of {@code beta == 0} and {@code alpha == 0}, shapes from 1x1 up),
 * {@code addRowVector}, {@code columnSums} and {@code linear}, by hand and against the naive
 * reference.
 */
final class ProductChecks {
    private static final double[] A_2X3 = {1, 2, 3, 4, 5, 6};
    private static final double[] B_3X2 = {7, 8, 9, 10, 11, 12};
    private static final boolean[] FLAGS = {false, true};

    private ProductChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            for (boolean ta : FLAGS) {
                for (boolean tb : FLAGS) {
                    checks.add(new OpCheck(gemmName("gemm", dtype, 2, 3, 2, ta, tb, 2.0, 0.5), "gemm", dtype,
                            c -> gemmByHand(c, ta, tb)));
                    checks.add(new OpCheck(gemmName("gemm", dtype, 2, 3, 2, ta, tb, 1.0, 0.0)
                            + " (NaN and Infinity in c not read)", "gemm", dtype, c -> gemmBetaZero(c, ta, tb)));
                    checks.add(new OpCheck(gemmName("gemm", dtype, 2, 3, 2, ta, tb, 1.0, 1.0)
                            + " three times (accumulates)", "gemm", dtype, c -> gemmBetaOne(c, ta, tb)));
                    for (double beta : new double[] {0.5, 0.0}) {
                        checks.add(new OpCheck(gemmName("gemm", dtype, 2, 3, 2, ta, tb, 0.0, beta)
                                + " (NaN and Infinity in a and b read)", "gemm", dtype, c -> gemmAlphaZero(c, ta, tb, beta)));
                    }
                }
            }
            addGemmAgreement(checks, dtype);
            checks.add(new OpCheck(name("addRowVector", dtype, "a [2, 3] v [3]"), "addRowVector", dtype,
                    ProductChecks::addRowVectorByHand));
            checks.add(new OpCheck(name("columnSums", dtype, "a [3, 2] beta=0.0 (NaN in out not read), 1.0 and 2.0"),
                    "columnSums", dtype, ProductChecks::columnSumsByHand));
            checks.add(new OpCheck(name("linear", dtype, "x [2, 3] w [2, 3] with and without bias"), "linear", dtype,
                    ProductChecks::linearByHand));
            for (Shape shape : matrices()) {
                checks.add(new OpCheck(name("addRowVector vs naive", dtype, "a " + shape), "addRowVector", dtype,
                        c -> addRowVectorAgrees(c, shape)));
                checks.add(new OpCheck(name("columnSums vs naive", dtype, "a " + shape, "beta=1.0"), "columnSums", dtype,
                        c -> columnSumsAgrees(c, shape)));
            }
            int[][] batchInOut = {{1, 1, 1}, {1, 4, 3}, {5, 1, 2}, {3, 6, 1}, {7, 5, 4}};
            for (int[] s : batchInOut) {
                for (boolean bias : FLAGS) {
                    checks.add(new OpCheck(name("linear vs naive", dtype, "x [" + s[0] + ", " + s[1] + "] w [" + s[2] + ", "
                            + s[1] + "] bias=" + bias), "linear", dtype, c -> linearAgrees(c, s[0], s[1], s[2], bias)));
                }
            }
        }
    }

    /** The matrices the agreement checks run on: 1x1, one row, one column, and larger. */
    static List<Shape> matrices() {
        return List.of(Shape.matrix(1, 1), Shape.matrix(1, 5), Shape.matrix(6, 1), Shape.matrix(4, 7),
                Shape.matrix(33, 3));
    }

    /** E.g. {@code gemm float32 op(a) [2, 3] op(b) [3, 2] transposeA=true transposeB=false alpha=2.0 beta=0.5}. */
    static String gemmName(String what, DType dtype, int m, int k, int n, boolean ta, boolean tb, double alpha,
                           double beta) {
        return name(what, dtype, "op(a) [" + m + ", " + k + "] op(b) [" + k + ", " + n + "] transposeA=" + ta
                + " transposeB=" + tb + " alpha=" + alpha + " beta=" + beta);
    }

    /** {@code m} ({@code [rows, cols]}) as a tensor that is {@code m} itself or, when {@code transpose}, {@code m^T}. */
    private static Tensor operand(OpCheckContext c, double[] m, int rows, int cols, boolean transpose) {
        Shape shape = transpose ? Shape.matrix(cols, rows) : Shape.matrix(rows, cols);
        return c.tensor(shape, OpData.stored(m, rows, cols, transpose));
    }

    private static void gemmByHand(OpCheckContext c, boolean ta, boolean tb) {
        Tensor a = operand(c, A_2X3, 2, 3, ta);
        Tensor b = operand(c, B_3X2, 3, 2, tb);
        Tensor out = c.tensor(Shape.matrix(2, 2), 1, 2, 3, 4);
        c.backend().gemm(2.0, a, ta, b, tb, 0.5, out);
        // A B = [[58, 64], [139, 154]]; 2 A B + 0.5 [[1, 2], [3, 4]]
        c.exact("c", out, 116.5, 129, 279.5, 310);
    }

    private static void gemmBetaZero(OpCheckContext c, boolean ta, boolean tb) {
        Tensor a = operand(c, A_2X3, 2, 3, ta);
        Tensor b = operand(c, B_3X2, 3, 2, tb);
        Tensor out = c.tensor(Shape.matrix(2, 2), Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1);
        c.backend().gemm(1.0, a, ta, b, tb, 0.0, out);
        c.exact("c", out, 58, 64, 139, 154);
    }

    private static void gemmBetaOne(OpCheckContext c, boolean ta, boolean tb) {
        Tensor a = operand(c, A_2X3, 2, 3, ta);
        Tensor b = operand(c, B_3X2, 3, 2, tb);
        Tensor out = c.tensor(Shape.matrix(2, 2), 1, -1, 0.5, 0);
        c.backend().gemm(1.0, a, ta, b, tb, 1.0, out);
        c.backend().gemm(-1.0, a, ta, b, tb, 1.0, out);
        c.backend().gemm(1.0, a, ta, b, tb, 1.0, out);
        c.exact("c", out, 59, 63, 139.5, 154);
    }

    private static void gemmAlphaZero(OpCheckContext c, boolean ta, boolean tb, double beta) {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        // row 1 of op(a) holds an infinity, column 1 of op(b) a NaN: only c_00 is beta c_00
        Tensor a = operand(c, new double[] {1, 2, 3, inf, 5, 6}, 2, 3, ta);
        Tensor b = operand(c, new double[] {7, nan, 9, 10, 11, 12}, 3, 2, tb);
        Tensor out = beta == 0 ? c.tensor(Shape.matrix(2, 2), nan, nan, inf, nan) : c.tensor(Shape.matrix(2, 2), 1, 2, 3, 4);
        c.backend().gemm(0.0, a, ta, b, tb, beta, out);
        c.close("c", out, 0, new double[] {beta * 1, nan, nan, nan}, null);
    }

    private static void addGemmAgreement(List<OpCheck> checks, DType dtype) {
        int[][] mkn = {{1, 1, 1}, {1, 4, 1}, {4, 1, 3}, {1, 3, 5}, {5, 7, 3}, {6, 2, 6}, {16, 33, 9}};
        double[][] alphaBeta = {{1, 0}, {-0.5, 1}, {2, 0.25}};
        int n = 0;
        for (int[] s : mkn) {
            for (boolean ta : FLAGS) {
                for (boolean tb : FLAGS) {
                    double[] ab = alphaBeta[n++ % alphaBeta.length];
                    checks.add(new OpCheck(gemmName("gemm vs naive", dtype, s[0], s[1], s[2], ta, tb, ab[0], ab[1]),
                            "gemm", dtype, c -> gemmAgrees(c, s[0], s[1], s[2], ta, tb, ab[0], ab[1])));
                }
            }
        }
    }

    private static void gemmAgrees(OpCheckContext c, int m, int k, int n, boolean ta, boolean tb, double alpha,
                                   double beta) {
        DType dtype = c.dtype();
        double[] av = OpData.random(10L * m + k, m * k, dtype);
        double[] bv = OpData.random(20L * k + n, k * n, dtype);
        double[] cv = OpData.random(30L * m + n, m * n, dtype);
        Tensor a = operand(c, av, m, k, ta);
        Tensor b = operand(c, bv, k, n, tb);
        Tensor out = c.tensor(Shape.matrix(m, n), cv);
        c.backend().gemm(alpha, a, ta, b, tb, beta, out);

        Tensor ra = c.referenceTensor(a.shape(), OpData.stored(av, m, k, ta));
        Tensor rb = c.referenceTensor(b.shape(), OpData.stored(bv, k, n, tb));
        Tensor rc = c.referenceTensor(out.shape(), cv);
        c.reference().gemm(alpha, ra, ta, rb, tb, beta, rc);
        // magnitude |alpha| |op(a)| |op(b)| + |beta| |c|, computed exactly enough in float64
        Tensor ma = c.reference().fromArray(DType.FLOAT64, a.shape(), OpData.abs(OpData.stored(av, m, k, ta)));
        Tensor mb = c.reference().fromArray(DType.FLOAT64, b.shape(), OpData.abs(OpData.stored(bv, k, n, tb)));
        Tensor mc = c.reference().fromArray(DType.FLOAT64, out.shape(), OpData.abs(cv));
        c.reference().gemm(Math.abs(alpha), ma, ta, mb, tb, Math.abs(beta), mc);
        c.close("c", out, 4.0 * (k + 2), c.readReference(rc), c.readReference(mc));
    }


    private static void addRowVectorByHand(OpCheckContext c) {
        Tensor a = c.tensor(Shape.matrix(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor v = c.tensor(Shape.vector(3), 10, -20, 0.5);
        Tensor out = c.tensor(Shape.matrix(2, 3), OpData.filled(6, Double.NaN));
        c.backend().addRowVector(a, v, out);
        c.exact("out", out, 11, -18, 3.5, 14, -15, 6.5);
    }

    private static void addRowVectorAgrees(OpCheckContext c, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(3, shape.size(), dtype);
        double[] vv = OpData.random(4, shape.cols(), dtype);
        Tensor out = c.zeros(shape);
        c.backend().addRowVector(c.tensor(shape, av), c.tensor(Shape.vector(shape.cols()), vv), out);
        double[] expected = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            expected[i] = dtype.round(av[i] + vv[i % shape.cols()]); // one rounding: correctly rounded
        }
        c.close("out", out, 1, expected, null);
    }

    private static void columnSumsByHand(OpCheckContext c) {
        Tensor a = c.tensor(Shape.matrix(3, 2), 1, 2, 3, 4, 5, 6.5);
        Tensor out = c.tensor(Shape.vector(2), Double.NaN, Double.NEGATIVE_INFINITY);
        c.backend().columnSums(a, 0.0, out);
        c.exact("out after beta=0.0", out, 9, 12.5);
        c.backend().columnSums(a, 1.0, out);
        c.exact("out after beta=1.0", out, 18, 25);
        c.backend().columnSums(a, 2.0, out);
        c.exact("out after beta=2.0", out, 45, 62.5);
    }

    private static void columnSumsAgrees(OpCheckContext c, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(5, shape.size(), dtype);
        double[] ov = OpData.random(6, shape.cols(), dtype);
        Tensor out = c.tensor(Shape.vector(shape.cols()), ov);
        c.backend().columnSums(c.tensor(shape, av), 1.0, out);
        double[] expected = ov.clone();
        double[] magnitude = OpData.abs(ov);
        for (int i = 0; i < av.length; i++) {
            expected[i % shape.cols()] += av[i];
            magnitude[i % shape.cols()] += Math.abs(av[i]);
        }
        c.close("out", out, 2.0 * (shape.rows() + 2), OpData.rounded(dtype, expected), magnitude);
    }

    private static void linearByHand(OpCheckContext c) {
        Tensor x = c.tensor(Shape.matrix(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor w = c.tensor(Shape.matrix(2, 3), 1, 0, -1, 0.5, 0.5, 0.5);
        Tensor b = c.tensor(Shape.vector(2), 10, -3);
        Tensor y = c.tensor(Shape.matrix(2, 2), OpData.filled(4, Double.NaN));
        c.backend().linear(x, w, null, y);
        c.exact("y without bias", y, -2, 3, -2, 7.5);
        c.backend().linear(x, w, b, y);
        c.exact("y with bias", y, 8, 0, 8, 4.5);
    }

    private static void linearAgrees(OpCheckContext c, int batch, int in, int out, boolean bias) {
        DType dtype = c.dtype();
        double[] xv = OpData.random(7, batch * in, dtype);
        double[] wv = OpData.random(8, out * in, dtype);
        double[] bv = OpData.random(9, out, dtype);
        Tensor y = c.zeros(Shape.matrix(batch, out));
        c.backend().linear(c.tensor(Shape.matrix(batch, in), xv), c.tensor(Shape.matrix(out, in), wv),
                bias ? c.tensor(Shape.vector(out), bv) : null, y);
        double[] expected = new double[batch * out];
        double[] magnitude = new double[batch * out];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < out; j++) {
                double s = bias ? bv[j] : 0;
                double m = bias ? Math.abs(bv[j]) : 0;
                for (int p = 0; p < in; p++) {
                    s += xv[i * in + p] * wv[j * in + p];
                    m += Math.abs(xv[i * in + p] * wv[j * in + p]);
                }
                expected[i * out + j] = dtype.round(s);
                magnitude[i * out + j] = m;
            }
        }
        // a backend may round the product before adding the bias: two roundings of the magnitude
        c.close("y", y, 4.0 * (in + 3), expected, magnitude);
    }
}
