package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpAssertions.assertBitwise;
import static org.backprop4j.conformance.OpAssertions.assertClose;
import static org.backprop4j.conformance.OpAssertions.assertRepresentable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The op-level contract every backend passes: each op of the {@link Backend} facade (primitive
 * and composite), in both dtypes, on edge shapes (1x1, batch 1, width 1, non-square, transposed
 * operands), checked two ways:
 * <ul>
 *   <li>against values worked out by hand, including the special cases the facade documents
 *       (NaN in {@code c} is not read when {@code beta == 0}, the gradient of ReLU at exactly 0
 *       is 0, of LeakyReLU the slope, NaN propagates);</li>
 *   <li>against the naive reference backend on seeded random data, within a few units of
 *       roundoff of the magnitude of the terms involved (a backend may accumulate in another
 *       order or precision; it may not be wrong).</li>
 * </ul>
 * A backend's test extends this class and supplies its provider:
 * <pre>
 * class EjmlOpsTest extends BackendOpsContract {
 *     protected BackendProvider provider() { return new EjmlBackendProvider(); }
 * }
 * </pre>
 * The backend must be available here (its probe must succeed); dtypes it does not declare are
 * skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendOpsContract {
    /** Rounding allowance of elementwise ops and activations, in units of roundoff. */
    private static final double ELEMENTWISE_ULPS = 8;
    /** Rounding allowance of transcendental functions in float64 (libm results may differ by a few ulps). */
    private static final double TRANSCENDENTAL_ULPS = 32;

    private Backend backend;
    private Backend reference;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    @BeforeAll
    void createBackends() {
        BackendProvider provider = provider();
        ProbeResult probe = provider.probe();
        assertTrue(probe.available(), () -> "backend '" + provider.name() + "' is unavailable here: " + probe.detail());
        backend = Backend.wrap(provider);
        reference = Backend.wrap(new NaiveBackendProvider());
    }

    private Backend backend(DType dtype) {
        assumeTrue(backend.dtypes().contains(dtype), () -> "backend '" + backend.name() + "' does not support " + dtype);
        return backend;
    }

    // ---- data ------------------------------------------------------------------------------

    /** {@code n} values uniform in [-2, 2), every seventh exactly 0, rounded to {@code dtype}. */
    private static double[] random(long seed, int n, DType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 3 ? 0.0 : dtype.round(rng.nextDouble(-2, 2));
        }
        return v;
    }

    /** {@code n} values uniform in [0.5, 2.5), away from 0 so that they can divide. */
    private static double[] positive(long seed, int n, DType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = dtype.round(rng.nextDouble(0.5, 2.5));
        }
        return v;
    }

    private static double[] abs(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    private static double[] nanArray(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static double[] rounded(DType dtype, double... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.round(values[i]);
        }
        return v;
    }

    private Tensor tensor(DType dtype, Shape shape, double... data) {
        return backend(dtype).fromArray(dtype, shape, data);
    }

    private double[] read(Tensor t) {
        double[] v = backend.toDoubleArray(t);
        assertRepresentable("result", t.dtype(), v);
        return v;
    }

    private static String label(String op, DType dtype, Shape... shapes) {
        StringBuilder sb = new StringBuilder(op).append(' ').append(dtype);
        for (Shape s : shapes) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    // ---- storage ---------------------------------------------------------------------------

    static Stream<Arguments> dtypesAndShapes() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (Shape s : List.of(Shape.vector(1), Shape.matrix(1, 1), Shape.vector(5), Shape.matrix(1, 4),
                    Shape.matrix(4, 1), Shape.matrix(3, 7))) {
                args.add(Arguments.of(d, s));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "zeros {0} {1}")
    @MethodSource("dtypesAndShapes")
    void zerosMakesPositiveZerosOfTheShapeAndDtype(DType dtype, Shape shape) {
        Tensor t = backend(dtype).zeros(dtype, shape);
        assertEquals(shape, t.shape());
        assertEquals(dtype, t.dtype());
        assertSame(backend.ops(), t.owner());
        assertBitwise(label("zeros", dtype, shape), new double[shape.size()], read(t));
    }

    @ParameterizedTest(name = "copyIn(double[]) / copyOut(double[]) {0}")
    @EnumSource(DType.class)
    void copyInDoubleRoundsToTheDtypeAndCopyOutReturnsTheStoredValues(DType dtype) {
        double[] data = {0.1, -0.0, 1e-40, 1e39, -1e39, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.0 / 3.0, 16777217.0};
        Tensor t = backend(dtype).zeros(dtype, Shape.matrix(2, 5));
        backend.copyIn(data, t);
        double[] out = new double[data.length];
        backend.copyOut(t, out);
        // (float) is round-to-nearest-even: 1e39 overflows to infinity, 16777217 rounds to 16777216
        assertBitwise(label("copyIn/copyOut", dtype, t.shape()), rounded(dtype, data), out);
    }

    @ParameterizedTest(name = "copyIn(float[]) / copyOut(float[]) {0}")
    @EnumSource(DType.class)
    void copyInFloatWidensExactlyAndCopyOutFloatRoundsToNearest(DType dtype) {
        float[] data = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        Tensor t = backend(dtype).zeros(dtype, Shape.vector(data.length));
        backend.copyIn(data, t);
        double[] widened = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        assertBitwise(label("copyIn(float[])", dtype, t.shape()), widened, read(t));

        double[] precise = {0.1, 1.0 / 3.0, -2.5e-8, 1e39};
        Tensor p = backend.fromArray(dtype, Shape.vector(precise.length), precise);
        float[] out = new float[precise.length];
        backend.copyOut(p, out);
        double[] got = new double[out.length];
        double[] expected = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            got[i] = out[i];
            expected[i] = (float) precise[i];
        }
        assertBitwise(label("copyOut(float[])", dtype, p.shape()), expected, got);
    }

    @ParameterizedTest(name = "fromArray / toDoubleArray / toFloatArray {0}")
    @EnumSource(DType.class)
    void fromArrayAndToArraysRoundTrip(DType dtype) {
        double[] data = random(1, 12, dtype);
        Tensor t = backend(dtype).fromArray(dtype, Shape.matrix(3, 4), data);
        assertBitwise(label("fromArray(double...)", dtype, t.shape()), data, backend.toDoubleArray(t));
        float[] asFloat = backend.toFloatArray(t);
        for (int i = 0; i < data.length; i++) {
            assertEquals((float) data[i], asFloat[i], "toFloatArray[" + i + "]");
        }
        Tensor f = backend.fromArray(dtype, Shape.vector(12), asFloat);
        double[] widened = new double[asFloat.length];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = asFloat[i];
        }
        assertBitwise(label("fromArray(float...)", dtype, f.shape()), widened, read(f));
    }

    @ParameterizedTest(name = "transfer to and from naive {0}")
    @EnumSource(DType.class)
    void transferCopiesExactlyBetweenBackends(DType dtype) {
        double[] data = random(2, 15, dtype);
        data[0] = -0.0;
        data[1] = Double.NaN;
        Tensor there = reference.fromArray(dtype, Shape.matrix(5, 3), data);
        Tensor here = backend(dtype).transfer(there);
        assertSame(backend.ops(), here.owner());
        assertEquals(there.shape(), here.shape());
        assertEquals(dtype, here.dtype());
        assertBitwise(label("transfer from naive", dtype, here.shape()), data, read(here));
        Tensor back = reference.transfer(here);
        assertBitwise(label("transfer to naive", dtype, back.shape()), data, reference.toDoubleArray(back));
    }

    // ---- gemm ------------------------------------------------------------------------------

    static Stream<Arguments> dtypesAndTransposes() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    args.add(Arguments.of(d, ta, tb));
                }
            }
        }
        return args.stream();
    }

    /** {@code m}, row-major {@code [rows, cols]}, stored transposed when {@code transpose}. */
    private static double[] stored(double[] m, int rows, int cols, boolean transpose) {
        if (!transpose) {
            return m.clone();
        }
        double[] t = new double[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    private Tensor operand(DType dtype, double[] m, int rows, int cols, boolean transpose) {
        Shape shape = transpose ? Shape.matrix(cols, rows) : Shape.matrix(rows, cols);
        return tensor(dtype, shape, stored(m, rows, cols, transpose));
    }

    private static final double[] A_2X3 = {1, 2, 3, 4, 5, 6};
    private static final double[] B_3X2 = {7, 8, 9, 10, 11, 12};

    @ParameterizedTest(name = "gemm {0} transposeA={1} transposeB={2}: 2 op(a) op(b) + 0.5 c, [2, 3] x [3, 2]")
    @MethodSource("dtypesAndTransposes")
    void gemmComputesAlphaOpAOpBPlusBetaC(DType dtype, boolean ta, boolean tb) {
        Tensor a = operand(dtype, A_2X3, 2, 3, ta);
        Tensor b = operand(dtype, B_3X2, 3, 2, tb);
        Tensor c = tensor(dtype, Shape.matrix(2, 2), 1, 2, 3, 4);
        backend.gemm(2.0, a, ta, b, tb, 0.5, c);
        // A B = [[58, 64], [139, 154]]; 2 A B + 0.5 [[1, 2], [3, 4]]
        assertBitwise(label("gemm", dtype, a.shape(), b.shape()), new double[] {116.5, 129, 279.5, 310}, read(c));
    }

    @ParameterizedTest(name = "gemm {0} transposeA={1} transposeB={2}: beta 0 does not read NaN in c")
    @MethodSource("dtypesAndTransposes")
    void gemmWithBetaZeroDoesNotReadC(DType dtype, boolean ta, boolean tb) {
        Tensor a = operand(dtype, A_2X3, 2, 3, ta);
        Tensor b = operand(dtype, B_3X2, 3, 2, tb);
        Tensor c = tensor(dtype, Shape.matrix(2, 2), Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1);
        backend.gemm(1.0, a, ta, b, tb, 0.0, c);
        assertBitwise(label("gemm beta=0", dtype, a.shape(), b.shape()), new double[] {58, 64, 139, 154}, read(c));
    }

    @ParameterizedTest(name = "gemm {0} transposeA={1} transposeB={2}: beta 1 accumulates")
    @MethodSource("dtypesAndTransposes")
    void gemmWithBetaOneAccumulates(DType dtype, boolean ta, boolean tb) {
        Tensor a = operand(dtype, A_2X3, 2, 3, ta);
        Tensor b = operand(dtype, B_3X2, 3, 2, tb);
        Tensor c = tensor(dtype, Shape.matrix(2, 2), 1, -1, 0.5, 0);
        backend.gemm(1.0, a, ta, b, tb, 1.0, c);
        backend.gemm(-1.0, a, ta, b, tb, 1.0, c);
        backend.gemm(1.0, a, ta, b, tb, 1.0, c);
        assertBitwise(label("gemm beta=1", dtype, a.shape(), b.shape()), new double[] {59, 63, 139.5, 154}, read(c));
    }

    static Stream<Arguments> gemmShapes() {
        int[][] mkn = {{1, 1, 1}, {1, 4, 1}, {4, 1, 3}, {1, 3, 5}, {5, 7, 3}, {6, 2, 6}, {16, 33, 9}};
        double[][] alphaBeta = {{1, 0}, {-0.5, 1}, {2, 0.25}};
        List<Arguments> args = new ArrayList<>();
        int n = 0;
        for (DType d : DType.values()) {
            for (int[] s : mkn) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        double[] ab = alphaBeta[n++ % alphaBeta.length];
                        args.add(Arguments.of(d, s[0], s[1], s[2], ta, tb, ab[0], ab[1]));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "gemm vs naive {0} op(a) [{1}, {2}] op(b) [{2}, {3}] transposeA={4} transposeB={5} alpha={6} beta={7}")
    @MethodSource("gemmShapes")
    void gemmAgreesWithTheReference(DType dtype, int m, int k, int n, boolean ta, boolean tb, double alpha, double beta) {
        double[] av = random(10L * m + k, m * k, dtype);
        double[] bv = random(20L * k + n, k * n, dtype);
        double[] cv = random(30L * m + n, m * n, dtype);
        Tensor a = operand(dtype, av, m, k, ta);
        Tensor b = operand(dtype, bv, k, n, tb);
        Tensor c = tensor(dtype, Shape.matrix(m, n), cv);
        backend.gemm(alpha, a, ta, b, tb, beta, c);

        Tensor ra = reference.fromArray(dtype, a.shape(), stored(av, m, k, ta));
        Tensor rb = reference.fromArray(dtype, b.shape(), stored(bv, k, n, tb));
        Tensor rc = reference.fromArray(dtype, c.shape(), cv);
        reference.gemm(alpha, ra, ta, rb, tb, beta, rc);
        // magnitude |alpha| |op(a)| |op(b)| + |beta| |c|, computed exactly enough in float64
        Tensor ma = reference.fromArray(DType.FLOAT64, a.shape(), abs(stored(av, m, k, ta)));
        Tensor mb = reference.fromArray(DType.FLOAT64, b.shape(), abs(stored(bv, k, n, tb)));
        Tensor mc = reference.fromArray(DType.FLOAT64, c.shape(), abs(cv));
        reference.gemm(Math.abs(alpha), ma, ta, mb, tb, Math.abs(beta), mc);
        assertClose(label("gemm", dtype, a.shape(), b.shape()), dtype, 4.0 * (k + 2),
                reference.toDoubleArray(rc), read(c), reference.toDoubleArray(mc));
    }

    @ParameterizedTest(name = "matmul {0} [2, 3] x [3, 2] and transposed")
    @EnumSource(DType.class)
    void matmulMakesANewProduct(DType dtype) {
        Tensor a = tensor(dtype, Shape.matrix(2, 3), A_2X3);
        Tensor b = tensor(dtype, Shape.matrix(3, 2), B_3X2);
        Tensor ab = backend.matmul(a, false, b, false);
        assertEquals(Shape.matrix(2, 2), ab.shape());
        assertBitwise(label("matmul", dtype, a.shape(), b.shape()), new double[] {58, 64, 139, 154}, read(ab));
        Tensor ba = backend.matmul(a, true, b, true); // (B A)^T = A^T B^T, [3, 3]
        assertEquals(Shape.matrix(3, 3), ba.shape());
        assertBitwise(label("matmul a^T b^T", dtype, a.shape(), b.shape()),
                new double[] {39, 49, 59, 54, 68, 82, 69, 87, 105}, read(ba));
    }

    // ---- addRowVector, columnSums, linear --------------------------------------------------

    @ParameterizedTest(name = "addRowVector {0} [2, 3] + [3], out-of-place and in place")
    @EnumSource(DType.class)
    void addRowVectorAddsToEveryRow(DType dtype) {
        Tensor a = tensor(dtype, Shape.matrix(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor v = tensor(dtype, Shape.vector(3), 10, -20, 0.5);
        Tensor out = backend.zeros(dtype, Shape.matrix(2, 3));
        backend.addRowVector(a, v, out);
        double[] expected = {11, -18, 3.5, 14, -15, 6.5};
        assertBitwise(label("addRowVector", dtype, a.shape()), expected, read(out));
        backend.addRowVector(a, v, a);
        assertBitwise(label("addRowVector in place", dtype, a.shape()), expected, read(a));
    }

    static Stream<Arguments> dtypesAndMatrices() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (Shape s : List.of(Shape.matrix(1, 1), Shape.matrix(1, 5), Shape.matrix(6, 1), Shape.matrix(4, 7),
                    Shape.matrix(33, 3))) {
                args.add(Arguments.of(d, s));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "addRowVector vs naive {0} {1}")
    @MethodSource("dtypesAndMatrices")
    void addRowVectorAgreesWithTheReference(DType dtype, Shape shape) {
        double[] av = random(3, shape.size(), dtype);
        double[] vv = random(4, shape.cols(), dtype);
        Tensor out = backend(dtype).zeros(dtype, shape);
        backend.addRowVector(tensor(dtype, shape, av), tensor(dtype, Shape.vector(shape.cols()), vv), out);
        double[] expected = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            expected[i] = dtype.round(av[i] + vv[i % shape.cols()]); // one rounding: correctly rounded
        }
        assertClose(label("addRowVector", dtype, shape), dtype, 1, expected, read(out));
    }

    @ParameterizedTest(name = "columnSums {0} [3, 2]: beta 0 does not read NaN, beta 1 accumulates, beta 2 scales")
    @EnumSource(DType.class)
    void columnSumsReducesOverRows(DType dtype) {
        Tensor a = tensor(dtype, Shape.matrix(3, 2), 1, 2, 3, 4, 5, 6.5);
        Tensor out = tensor(dtype, Shape.vector(2), Double.NaN, Double.NEGATIVE_INFINITY);
        backend.columnSums(a, 0.0, out);
        assertBitwise(label("columnSums beta=0", dtype, a.shape()), new double[] {9, 12.5}, read(out));
        backend.columnSums(a, 1.0, out);
        assertBitwise(label("columnSums beta=1", dtype, a.shape()), new double[] {18, 25}, read(out));
        backend.columnSums(a, 2.0, out);
        assertBitwise(label("columnSums beta=2", dtype, a.shape()), new double[] {45, 62.5}, read(out));
    }

    @ParameterizedTest(name = "columnSums vs naive {0} {1}")
    @MethodSource("dtypesAndMatrices")
    void columnSumsAgreesWithTheReference(DType dtype, Shape shape) {
        double[] av = random(5, shape.size(), dtype);
        double[] ov = random(6, shape.cols(), dtype);
        Tensor out = tensor(dtype, Shape.vector(shape.cols()), ov);
        backend.columnSums(tensor(dtype, shape, av), 1.0, out);
        double[] expected = ov.clone();
        double[] magnitude = abs(ov);
        for (int i = 0; i < av.length; i++) {
            expected[i % shape.cols()] += av[i];
            magnitude[i % shape.cols()] += Math.abs(av[i]);
        }
        assertClose(label("columnSums", dtype, shape), dtype, 2.0 * (shape.rows() + 2),
                rounded(dtype, expected), read(out), magnitude);
    }

    @ParameterizedTest(name = "linear {0} x [2, 3], w [2, 3], with and without bias")
    @EnumSource(DType.class)
    void linearComputesXWTransposedPlusB(DType dtype) {
        Tensor x = tensor(dtype, Shape.matrix(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor w = tensor(dtype, Shape.matrix(2, 3), 1, 0, -1, 0.5, 0.5, 0.5);
        Tensor b = tensor(dtype, Shape.vector(2), 10, -3);
        Tensor y = tensor(dtype, Shape.matrix(2, 2), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        backend.linear(x, w, null, y);
        assertBitwise(label("linear without bias", dtype, x.shape(), w.shape()), new double[] {-2, 3, -2, 7.5}, read(y));
        backend.linear(x, w, b, y);
        assertBitwise(label("linear with bias", dtype, x.shape(), w.shape()), new double[] {8, 0, 8, 4.5}, read(y));
    }

    static Stream<Arguments> linearShapes() {
        int[][] batchInOut = {{1, 1, 1}, {1, 4, 3}, {5, 1, 2}, {3, 6, 1}, {7, 5, 4}};
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (int[] s : batchInOut) {
                for (boolean bias : new boolean[] {true, false}) {
                    args.add(Arguments.of(d, s[0], s[1], s[2], bias));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "linear vs naive {0} x [{1}, {2}] w [{3}, {2}] bias={4}")
    @MethodSource("linearShapes")
    void linearAgreesWithTheReference(DType dtype, int batch, int in, int out, boolean bias) {
        double[] xv = random(7, batch * in, dtype);
        double[] wv = random(8, out * in, dtype);
        double[] bv = random(9, out, dtype);
        Tensor y = backend(dtype).zeros(dtype, Shape.matrix(batch, out));
        backend.linear(tensor(dtype, Shape.matrix(batch, in), xv), tensor(dtype, Shape.matrix(out, in), wv),
                bias ? tensor(dtype, Shape.vector(out), bv) : null, y);
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
        assertClose(label("linear", dtype, Shape.matrix(batch, in), Shape.matrix(out, in)), dtype, 4.0 * (in + 3),
                expected, read(y), magnitude);
    }

    // ---- binary, unary ---------------------------------------------------------------------

    static Stream<Arguments> dtypesAndBinaryOps() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                args.add(Arguments.of(d, op));
            }
        }
        return args.stream();
    }

    private static double[] handComputed(BinaryOp op) {
        // a = {1, -2, 3.5, 0, 6}, b = {2, 4, -0.5, 3, 6}
        return switch (op) {
            case ADD -> new double[] {3, 2, 3, 3, 12};
            case SUB -> new double[] {-1, -6, 4, -3, 0};
            case MUL -> new double[] {2, -8, -1.75, 0, 36};
            case DIV -> new double[] {0.5, -0.5, -7, 0, 1};
            case MAX -> new double[] {2, 4, 3.5, 3, 6};
            case MIN -> new double[] {1, -2, -0.5, 0, 6};
        };
    }

    @ParameterizedTest(name = "binary {1} {0} [5]: out-of-place, out = a, out = b")
    @MethodSource("dtypesAndBinaryOps")
    void binaryOpsComputeElementwise(DType dtype, BinaryOp op) {
        double[] av = {1, -2, 3.5, 0, 6};
        double[] bv = {2, 4, -0.5, 3, 6};
        Shape shape = Shape.vector(5);
        double[] expected = handComputed(op);
        Tensor out = backend(dtype).zeros(dtype, shape);
        backend.binary(op, tensor(dtype, shape, av), tensor(dtype, shape, bv), out);
        assertBitwise(label("binary(" + op + ")", dtype, shape), expected, read(out));
        Tensor a = tensor(dtype, shape, av);
        backend.binary(op, a, tensor(dtype, shape, bv), a);
        assertBitwise(label("binary(" + op + ") out = a", dtype, shape), expected, read(a));
        Tensor b = tensor(dtype, shape, bv);
        backend.binary(op, tensor(dtype, shape, av), b, b);
        assertBitwise(label("binary(" + op + ") out = b", dtype, shape), expected, read(b));
    }

    @ParameterizedTest(name = "binary IEEE special cases {0}: division by zero, NaN in MAX and ADD")
    @EnumSource(DType.class)
    void binaryOpsFollowIeee754(DType dtype) {
        Shape shape = Shape.vector(4);
        Tensor out = backend(dtype).zeros(dtype, shape);
        backend.binary(BinaryOp.DIV, tensor(dtype, shape, 1, -1, 0, 2), tensor(dtype, shape, 0, 0, 0, -0.0), out);
        assertBitwise(label("binary(DIV) by zero", dtype, shape),
                new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY},
                read(out));
        backend.binary(BinaryOp.MAX, tensor(dtype, shape, Double.NaN, 1, -1, Double.NEGATIVE_INFINITY),
                tensor(dtype, shape, 1, Double.NaN, -2, -5), out);
        assertBitwise(label("binary(MAX) with NaN", dtype, shape), new double[] {Double.NaN, Double.NaN, -1, -5}, read(out));
        backend.binary(BinaryOp.ADD, tensor(dtype, shape, Double.NaN, Double.POSITIVE_INFINITY, 1, 2),
                tensor(dtype, shape, 1, Double.NEGATIVE_INFINITY, Double.NaN, 3), out);
        assertBitwise(label("binary(ADD) with NaN", dtype, shape), new double[] {Double.NaN, Double.NaN, Double.NaN, 5},
                read(out));
    }

    @ParameterizedTest(name = "binary {1} vs naive {0} [9, 4]")
    @MethodSource("dtypesAndBinaryOps")
    void binaryOpsAgreeWithTheReference(DType dtype, BinaryOp op) {
        Shape shape = Shape.matrix(9, 4);
        double[] av = random(11, shape.size(), dtype);
        double[] bv = op == BinaryOp.DIV ? positive(12, shape.size(), dtype) : random(12, shape.size(), dtype);
        Tensor out = backend(dtype).zeros(dtype, shape);
        backend.binary(op, tensor(dtype, shape, av), tensor(dtype, shape, bv), out);
        Tensor rout = reference.zeros(dtype, shape);
        reference.binary(op, reference.fromArray(dtype, shape, av), reference.fromArray(dtype, shape, bv), rout);
        assertClose(label("binary(" + op + ")", dtype, shape), dtype, 1, reference.toDoubleArray(rout), read(out));
    }

    @ParameterizedTest(name = "unary SQRT and SQUARE {0} [5], out-of-place and in place")
    @EnumSource(DType.class)
    void unaryOpsComputeElementwise(DType dtype) {
        Shape shape = Shape.vector(5);
        Tensor out = backend(dtype).zeros(dtype, shape);
        Tensor a = tensor(dtype, shape, 4, 2.25, 0, -0.0, -1);
        backend.unary(UnaryOp.SQRT, a, out);
        double[] roots = {2, 1.5, 0, -0.0, Double.NaN};
        assertBitwise(label("unary(SQRT)", dtype, shape), roots, read(out));
        backend.unary(UnaryOp.SQRT, a, a);
        assertBitwise(label("unary(SQRT) in place", dtype, shape), roots, read(a));
        Tensor s = tensor(dtype, shape, 3, -1.5, 0, Double.NaN, Double.NEGATIVE_INFINITY);
        backend.unary(UnaryOp.SQUARE, s, out);
        double[] squares = {9, 2.25, 0, Double.NaN, Double.POSITIVE_INFINITY};
        assertBitwise(label("unary(SQUARE)", dtype, shape), squares, read(out));
        backend.unary(UnaryOp.SQUARE, s, s);
        assertBitwise(label("unary(SQUARE) in place", dtype, shape), squares, read(s));
    }

    static Stream<Arguments> dtypesAndUnaryOps() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                args.add(Arguments.of(d, op));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "unary {1} vs naive {0} [6, 5]")
    @MethodSource("dtypesAndUnaryOps")
    void unaryOpsAgreeWithTheReference(DType dtype, UnaryOp op) {
        Shape shape = Shape.matrix(6, 5);
        double[] av = op == UnaryOp.SQRT ? positive(13, shape.size(), dtype) : random(13, shape.size(), dtype);
        Tensor out = backend(dtype).zeros(dtype, shape);
        backend.unary(op, tensor(dtype, shape, av), out);
        Tensor rout = reference.zeros(dtype, shape);
        reference.unary(op, reference.fromArray(dtype, shape, av), rout);
        assertClose(label("unary(" + op + ")", dtype, shape), dtype, 1, reference.toDoubleArray(rout), read(out));
    }

    // ---- activations -----------------------------------------------------------------------

    static Stream<Arguments> dtypesAndActivations() {
        List<Arguments> args = new ArrayList<>();
        for (DType d : DType.values()) {
            for (Activation f : ACTIVATIONS) {
                args.add(Arguments.of(d, f));
            }
        }
        return args.stream();
    }

    private static final double SLOPE = 0.25;
    /** The activations these tests compute by hand, LeakyReLU with slope {@value #SLOPE}. */
    private static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU,
            Activation.leakyRelu(SLOPE), Activation.SIGMOID, Activation.TANH);
    private static final double[] ACTIVATION_X = {-2, -0.5, 0, 0.5, 2, -0.0};
    private static final double[] ACTIVATION_DY = {1, 2, 3, 4, 5, 6};

    /** f(x) for the hand-computed points; sigmoid and tanh from the formulas of {@link Activation}. */
    private static double handForward(Activation f, double x) {
        return switch (f.kind()) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0.0;
            case LEAKY_RELU -> x > 0 ? x : f.negativeSlope() * x;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            default -> throw new IllegalArgumentException("no hand-computed rule for " + f);
        };
    }

    private static double ulpsFor(Activation f, DType dtype) {
        boolean transcendental = f.kind() != Activation.Kind.IDENTITY && f.kind() != Activation.Kind.RELU
                && f.kind() != Activation.Kind.LEAKY_RELU;
        return transcendental && dtype == DType.FLOAT64 ? TRANSCENDENTAL_ULPS : ELEMENTWISE_ULPS;
    }

    @ParameterizedTest(name = "activation {1} forward {0} [6] at -2, -0.5, 0, 0.5, 2, -0, and in place")
    @MethodSource("dtypesAndActivations")
    void activationForwardMatchesTheFormula(DType dtype, Activation f) {
        Shape shape = Shape.vector(ACTIVATION_X.length);
        double[] expected = new double[ACTIVATION_X.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = dtype.round(handForward(f, ACTIVATION_X[i]));
        }
        Tensor x = tensor(dtype, shape, ACTIVATION_X);
        Tensor y = backend.zeros(dtype, shape);
        backend.activation(f, x, y);
        assertClose(label("activation(" + f + ")", dtype, shape), dtype, ulpsFor(f, dtype), expected, read(y));
        backend.activation(f, x, x);
        assertClose(label("activation(" + f + ") in place", dtype, shape), dtype, ulpsFor(f, dtype), expected, read(x));
    }

    @ParameterizedTest(name = "activation {1} backward {0} [6] at -2, -0.5, 0, 0.5, 2, -0, and dx = dy")
    @MethodSource("dtypesAndActivations")
    void activationBackwardMatchesTheDerivative(DType dtype, Activation f) {
        Shape shape = Shape.vector(ACTIVATION_X.length);
        double[] expected = new double[ACTIVATION_X.length];
        double[] magnitude = new double[ACTIVATION_X.length];
        for (int i = 0; i < expected.length; i++) {
            double x = ACTIVATION_X[i];
            double y = dtype.round(handForward(f, x));
            double dy = ACTIVATION_DY[i];
            expected[i] = dtype.round(switch (f.kind()) {
                case IDENTITY -> dy;
                case RELU -> x > 0 ? dy : 0.0; // exactly 0 at x = 0
                case LEAKY_RELU -> x > 0 ? dy : f.negativeSlope() * dy; // the slope at x = 0
                case SIGMOID -> dy * (1 - y) * y;
                case TANH -> dy * (1 - y * y);
                default -> throw new IllegalArgumentException("no hand-computed rule for " + f);
            });
            magnitude[i] = Math.abs(dy); // 1 - y*y cancels: allow rounding of the terms
        }
        Tensor x = tensor(dtype, shape, ACTIVATION_X);
        Tensor y = backend.zeros(dtype, shape);
        backend.activation(f, x, y);
        Tensor dy = tensor(dtype, shape, ACTIVATION_DY);
        Tensor dx = backend.zeros(dtype, shape);
        backend.activationBackward(f, x, y, dy, dx);
        assertClose(label("activationBackward(" + f + ")", dtype, shape), dtype, ulpsFor(f, dtype), expected, read(dx),
                magnitude);
        backend.activationBackward(f, x, y, dy, dy);
        assertClose(label("activationBackward(" + f + ") dx = dy", dtype, shape), dtype, ulpsFor(f, dtype), expected,
                read(dy), magnitude);
    }

    @ParameterizedTest(name = "ReLU gradient at exactly 0 is 0, LeakyReLU's is the slope {0}")
    @EnumSource(DType.class)
    void kinkGradientsFollowPyTorch(DType dtype) {
        Shape shape = Shape.matrix(1, 2);
        Tensor x = tensor(dtype, shape, 0.0, -0.0);
        Tensor y = backend.zeros(dtype, shape);
        Tensor dy = tensor(dtype, shape, 3, -5);
        Tensor dx = backend.zeros(dtype, shape);
        backend.activation(Activation.RELU, x, y);
        backend.activationBackward(Activation.RELU, x, y, dy, dx);
        double[] relu = read(dx);
        assertTrue(relu[0] == 0 && relu[1] == 0, () -> label("ReLU gradient at 0", dtype, shape)
                + ": got " + relu[0] + ", " + relu[1] + "; expected 0, 0");
        backend.activation(Activation.leakyRelu(0.01), x, y);
        backend.activationBackward(Activation.leakyRelu(0.01), x, y, dy, dx);
        // 2 units of roundoff: torch's float32 kernel multiplies by the slope rounded to float
        // (-5 * 0.01f gives -0.049999997), a double-precision one by the exact slope (-0.050000001)
        assertClose(label("LeakyReLU(0.01) gradient at 0", dtype, shape), dtype, 2, rounded(dtype, 0.03, -0.05), read(dx));
    }

    @ParameterizedTest(name = "activation {1} propagates NaN {0}: f(NaN) and dy = NaN")
    @MethodSource("dtypesAndActivations")
    void activationsPropagateNaN(DType dtype, Activation f) {
        Shape shape = Shape.vector(2);
        Tensor x = tensor(dtype, shape, Double.NaN, 1.0);
        Tensor y = backend.zeros(dtype, shape);
        backend.activation(f, x, y);
        double[] forward = read(y);
        assertTrue(Double.isNaN(forward[0]), () -> label("activation(" + f + ")(NaN)", dtype, shape) + ": got "
                + forward[0] + "; expected NaN");
        Tensor dy = tensor(dtype, shape, 1.0, Double.NaN);
        Tensor dx = backend.zeros(dtype, shape);
        backend.activationBackward(f, x, y, dy, dx);
        double[] backward = read(dx);
        // at x = 1 every derivative is non-zero, so dy = NaN must give NaN
        assertTrue(Double.isNaN(backward[1]), () -> label("activationBackward(" + f + ") dy = NaN at x = 1", dtype, shape)
                + ": got " + backward[1] + "; expected NaN");
        // at x = NaN with dy = 1, torch 1.13 gives: relu 1 (threshold_backward tests y <= 0, false for NaN),
        // leaky_relu the slope (it tests x > 0), identity 1, sigmoid and tanh NaN
        double expectedAtNaN = switch (f.kind()) {
            case RELU, IDENTITY -> 1.0;
            case LEAKY_RELU -> dtype.round(f.negativeSlope());
            case SIGMOID, TANH -> Double.NaN;
            default -> throw new IllegalArgumentException("no rule at NaN for " + f);
        };
        backend.copyIn(new double[] {1.0, 1.0}, dy);
        backend.activationBackward(f, x, y, dy, dx);
        double gotAtNaN = read(dx)[0];
        assertTrue(Double.compare(gotAtNaN, expectedAtNaN) == 0, () -> label("activationBackward(" + f + ") at x = NaN",
                dtype, shape) + ": got " + gotAtNaN + "; expected " + expectedAtNaN + " as PyTorch");
    }

    @ParameterizedTest(name = "activation {1} forward and backward vs naive {0} [8, 7] incl. exact zeros")
    @MethodSource("dtypesAndActivations")
    void activationsAgreeWithTheReference(DType dtype, Activation f) {
        Shape shape = Shape.matrix(8, 7);
        double[] xv = random(14, shape.size(), dtype);
        for (int i = 0; i < xv.length; i += 11) {
            xv[i] *= 8; // into sigmoid's and tanh's saturated range
        }
        double[] dyv = random(15, shape.size(), dtype);
        Tensor x = tensor(dtype, shape, xv);
        Tensor y = backend.zeros(dtype, shape);
        Tensor dx = backend.zeros(dtype, shape);
        backend.activation(f, x, y);
        backend.activationBackward(f, x, y, tensor(dtype, shape, dyv), dx);

        Tensor rx = reference.fromArray(dtype, shape, xv);
        Tensor ry = reference.zeros(dtype, shape);
        Tensor rdx = reference.zeros(dtype, shape);
        reference.activation(f, rx, ry);
        // backward from the backend's own y, so a rounding difference in y does not show twice
        reference.activationBackward(f, rx, reference.transfer(y), reference.fromArray(dtype, shape, dyv), rdx);
        double ulps = ulpsFor(f, dtype);
        assertClose(label("activation(" + f + ")", dtype, shape), dtype, ulps, reference.toDoubleArray(ry), read(y));
        assertClose(label("activationBackward(" + f + ")", dtype, shape), dtype, ulps, reference.toDoubleArray(rdx),
                read(dx), abs(dyv));
    }

    // ---- axpby and the optimizer composites ------------------------------------------------

    @ParameterizedTest(name = "axpby {0} [4]: y = 2 x + 0.5 y, and beta 0 does not read NaN in y")
    @EnumSource(DType.class)
    void axpbyScalesAndAdds(DType dtype) {
        Shape shape = Shape.vector(4);
        Tensor x = tensor(dtype, shape, 1, -2, 0.25, 0);
        Tensor y = tensor(dtype, shape, 4, 8, -1, 3);
        backend.axpby(2.0, x, 0.5, y);
        assertBitwise(label("axpby", dtype, shape), new double[] {4, 0, 0, 1.5}, read(y));
        Tensor nan = tensor(dtype, shape, nanArray(4));
        backend.axpby(-3.0, x, 0.0, nan);
        assertClose(label("axpby beta=0", dtype, shape), dtype, 0, new double[] {-3, 6, -0.75, 0}, read(nan));
    }

    @ParameterizedTest(name = "axpby vs naive {0} {1}")
    @MethodSource("dtypesAndMatrices")
    void axpbyAgreesWithTheReference(DType dtype, Shape shape) {
        double[] xv = random(16, shape.size(), dtype);
        double[] yv = random(17, shape.size(), dtype);
        Tensor y = tensor(dtype, shape, yv);
        backend.axpby(0.9, tensor(dtype, shape, xv), -0.3, y);
        double[] expected = new double[xv.length];
        double[] magnitude = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            expected[i] = dtype.round(0.9 * xv[i] - 0.3 * yv[i]);
            magnitude[i] = Math.abs(0.9 * xv[i]) + Math.abs(0.3 * yv[i]);
        }
        assertClose(label("axpby", dtype, shape), dtype, 4, expected, read(y), magnitude);
    }

    @ParameterizedTest(name = "scale, copy, addScalar, fill {0} [2, 2], out-of-place and in place")
    @EnumSource(DType.class)
    void scaleCopyAddScalarAndFill(DType dtype) {
        Shape shape = Shape.matrix(2, 2);
        Tensor x = tensor(dtype, shape, 1, -2, 0.5, 3);
        Tensor out = tensor(dtype, shape, nanArray(4));
        backend.scale(-4.0, x, out);
        assertBitwise(label("scale", dtype, shape), new double[] {-4, 8, -2, -12}, read(out));
        backend.scale(0.5, out, out);
        assertBitwise(label("scale in place", dtype, shape), new double[] {-2, 4, -1, -6}, read(out));
        backend.copy(x, out);
        assertBitwise(label("copy", dtype, shape), new double[] {1, -2, 0.5, 3}, read(out));
        backend.addScalar(x, 1.5, out);
        assertBitwise(label("addScalar", dtype, shape), new double[] {2.5, -0.5, 2, 4.5}, read(out));
        backend.addScalar(out, -1.5, out);
        assertBitwise(label("addScalar in place", dtype, shape), new double[] {1, -2, 0.5, 3}, read(out));
        backend.fill(out, 0.1);
        double tenth = dtype.round(0.1);
        assertBitwise(label("fill 0.1", dtype, shape), new double[] {tenth, tenth, tenth, tenth}, read(out));
        backend.fill(out, 0.0);
        assertBitwise(label("fill 0", dtype, shape), new double[4], read(out));
    }

    @ParameterizedTest(name = "sum and dot {0}: hand-computed and vs naive {1}")
    @MethodSource("dtypesAndMatrices")
    void sumAndDotReduceEveryElement(DType dtype, Shape shape) {
        Tensor small = tensor(dtype, Shape.vector(4), 1, -2, 3.5, 0.25);
        assertEquals(2.75, backend.sum(small), label("sum", dtype, small.shape()));
        assertEquals(1 + 4 + 12.25 + 0.0625, backend.dot(small, small), label("dot", dtype, small.shape()));

        double[] av = random(18, shape.size(), dtype);
        double[] bv = random(19, shape.size(), dtype);
        double sum = 0;
        double sumMagnitude = 0;
        double dot = 0;
        double dotMagnitude = 0;
        for (int i = 0; i < av.length; i++) {
            sum += av[i];
            sumMagnitude += Math.abs(av[i]);
            dot += av[i] * bv[i];
            dotMagnitude += Math.abs(av[i] * bv[i]);
        }
        Tensor a = tensor(dtype, shape, av);
        Tensor b = tensor(dtype, shape, bv);
        // a float32 backend may accumulate in float32: n roundings of the running magnitude
        double ulps = 2.0 * (shape.size() + 2);
        assertClose(label("sum", dtype, shape), dtype, ulps, new double[] {sum}, new double[] {backend.sum(a)},
                new double[] {sumMagnitude});
        assertClose(label("dot", dtype, shape), dtype, ulps, new double[] {dot}, new double[] {backend.dot(a, b)},
                new double[] {dotMagnitude});
    }

    @ParameterizedTest(name = "addcmul and addcdiv {0} [3]")
    @EnumSource(DType.class)
    void addcmulAndAddcdiv(DType dtype) {
        Shape shape = Shape.vector(3);
        Tensor a = tensor(dtype, shape, 1, -2, 3);
        Tensor b = tensor(dtype, shape, 4, 0.5, -2);
        Tensor y = tensor(dtype, shape, 10, 20, 30);
        Tensor scratch = tensor(dtype, shape, nanArray(3));
        backend.addcmul(0.5, a, b, y, scratch);
        assertBitwise(label("addcmul", dtype, shape), new double[] {12, 19.5, 27}, read(y));
        backend.addcdiv(-2.0, a, b, y, scratch);
        assertBitwise(label("addcdiv", dtype, shape), new double[] {11.5, 27.5, 30}, read(y));
    }

    @ParameterizedTest(name = "addcmul and addcdiv vs naive {0} {1}")
    @MethodSource("dtypesAndMatrices")
    void addcmulAndAddcdivAgreeWithTheReference(DType dtype, Shape shape) {
        double[] av = random(20, shape.size(), dtype);
        double[] bv = positive(21, shape.size(), dtype);
        double[] yv = random(22, shape.size(), dtype);
        Tensor a = tensor(dtype, shape, av);
        Tensor b = tensor(dtype, shape, bv);
        Tensor y = tensor(dtype, shape, yv);
        Tensor scratch = backend.zeros(dtype, shape);
        backend.addcmul(-0.7, a, b, y, scratch);
        double[] afterMul = read(y);
        backend.addcdiv(0.3, a, b, y, scratch);
        double[] expectedMul = new double[yv.length];
        double[] expectedDiv = new double[yv.length];
        double[] magnitudeMul = new double[yv.length];
        double[] magnitudeDiv = new double[yv.length];
        for (int i = 0; i < yv.length; i++) {
            expectedMul[i] = dtype.round(yv[i] - 0.7 * av[i] * bv[i]);
            magnitudeMul[i] = Math.abs(yv[i]) + Math.abs(0.7 * av[i] * bv[i]);
            expectedDiv[i] = dtype.round(afterMul[i] + 0.3 * av[i] / bv[i]);
            magnitudeDiv[i] = Math.abs(afterMul[i]) + Math.abs(0.3 * av[i] / bv[i]);
        }
        assertClose(label("addcmul", dtype, shape), dtype, 4, expectedMul, afterMul, magnitudeMul);
        assertClose(label("addcdiv", dtype, shape), dtype, 4, expectedDiv, read(y), magnitudeDiv);
    }

    // ---- float32 storage and argument checks -----------------------------------------------

    @ParameterizedTest(name = "every float32 result is a float32 value ({0})")
    @EnumSource(value = DType.class, names = "FLOAT32")
    void float32ResultsAreFloat32Values(DType dtype) {
        Shape shape = Shape.matrix(5, 3);
        Tensor a = tensor(dtype, shape, random(23, shape.size(), dtype));
        Tensor b = tensor(dtype, shape, positive(24, shape.size(), dtype));
        Tensor out = backend.zeros(dtype, shape);
        Tensor scratch = backend.zeros(dtype, shape);
        Tensor v = tensor(dtype, Shape.vector(3), 0.1, 0.2, 0.3);
        Tensor c = backend.zeros(dtype, Shape.matrix(5, 5));
        Tensor w = tensor(dtype, Shape.matrix(4, 3), random(25, 12, dtype));
        Tensor lin = backend.zeros(dtype, Shape.matrix(5, 4));
        Tensor sums = backend.zeros(dtype, Shape.vector(3));
        String what = "float32 " + shape;
        backend.gemm(0.1, a, false, b, true, 0.0, c);
        assertRepresentable("gemm " + what, dtype, backend.toDoubleArray(c));
        backend.linear(a, w, null, lin);
        assertRepresentable("linear " + what, dtype, backend.toDoubleArray(lin));
        backend.addRowVector(a, v, out);
        assertRepresentable("addRowVector " + what, dtype, backend.toDoubleArray(out));
        backend.columnSums(a, 0.3, sums);
        assertRepresentable("columnSums " + what, dtype, backend.toDoubleArray(sums));
        for (BinaryOp op : BinaryOp.values()) {
            backend.binary(op, a, b, out);
            assertRepresentable("binary(" + op + ") " + what, dtype, backend.toDoubleArray(out));
        }
        for (UnaryOp op : UnaryOp.values()) {
            backend.unary(op, b, out);
            assertRepresentable("unary(" + op + ") " + what, dtype, backend.toDoubleArray(out));
        }
        for (Activation f : ACTIVATIONS) {
            backend.activation(f, a, out);
            assertRepresentable("activation(" + f + ") " + what, dtype, backend.toDoubleArray(out));
            backend.activationBackward(f, a, out, b, scratch);
            assertRepresentable("activationBackward(" + f + ") " + what, dtype, backend.toDoubleArray(scratch));
        }
        backend.axpby(0.1, a, 0.7, out);
        assertRepresentable("axpby " + what, dtype, backend.toDoubleArray(out));
        backend.scale(0.1, a, out);
        assertRepresentable("scale " + what, dtype, backend.toDoubleArray(out));
        backend.addScalar(a, 0.1, out);
        assertRepresentable("addScalar " + what, dtype, backend.toDoubleArray(out));
        backend.addcmul(0.1, a, b, out, scratch);
        assertRepresentable("addcmul " + what, dtype, backend.toDoubleArray(out));
        backend.addcdiv(0.1, a, b, out, scratch);
        assertRepresentable("addcdiv " + what, dtype, backend.toDoubleArray(out));
        backend.fill(out, 0.1);
        assertRepresentable("fill " + what, dtype, backend.toDoubleArray(out));
    }

    @ParameterizedTest(name = "argument errors come from the facade {0}: shapes, foreign tensors, aliasing")
    @EnumSource(DType.class)
    void argumentErrorsComeThroughTheFacade(DType dtype) {
        Tensor a = backend(dtype).zeros(dtype, Shape.matrix(2, 3));
        Tensor b = backend.zeros(dtype, Shape.matrix(3, 2));
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, a, b, a));
        assertTrue(shapes.getMessage().contains("binary(ADD)") && shapes.getMessage().contains("[3, 2]"),
                shapes.getMessage());
        Tensor foreign = reference.zeros(dtype, Shape.matrix(2, 3));
        IllegalArgumentException owner = assertThrows(IllegalArgumentException.class,
                () -> backend.axpby(1.0, foreign, 1.0, a));
        assertTrue(owner.getMessage().contains("belongs to another backend"), owner.getMessage());
        Tensor square = backend.zeros(dtype, Shape.matrix(3, 3));
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(1.0, square, false, square, false, 0.0, square));
        assertTrue(alias.getMessage().contains("gemm") && alias.getMessage().contains("same tensor"), alias.getMessage());
    }
}
