package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * The op contract's checks of the aliasing table of {@link org.backprop4j.api.spi.TensorOps}:
 * every permission it grants (an output that is an input, two inputs that are one tensor) gives
 * the result the same call gives with distinct tensors holding the same values, within the op's
 * rounding allowance; and the facade rejects every aliasing the table forbids, before the
 * backend runs.
 */
final class AliasingChecks {
    private static final boolean[] FLAGS = {false, true};

    private AliasingChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            checks.add(new OpCheck(name("addRowVector", dtype, "[4, 3] out = a"), "addRowVector", dtype,
                    AliasingChecks::addRowVector));
            for (BinaryOp op : BinaryOp.values()) {
                String rowBroadcast = "rowBroadcast(" + op + ")";
                checks.add(new OpCheck(name(rowBroadcast, dtype, "[4, 3] out = a"), rowBroadcast, dtype,
                        c -> rowBroadcast(c, op)));
                String binary = "binary(" + op + ")";
                checks.add(new OpCheck(name(binary, dtype, "[4, 3] out = a, out = b, a = b, a = b = out"), binary, dtype,
                        c -> binary(c, op)));
            }
            for (UnaryOp op : UnaryOp.values()) {
                String unary = "unary(" + op + ")";
                checks.add(new OpCheck(name(unary, dtype, "[4, 3] out = a"), unary, dtype, c -> unary(c, op)));
            }
            for (Activation f : ActivationChecks.ACTIVATIONS) {
                String forward = "activation(" + f + ")";
                checks.add(new OpCheck(name(forward, dtype, "[4, 3] y = x"), forward, dtype, c -> activation(c, f)));
                String backward = "activationBackward(" + f + ")";
                checks.add(new OpCheck(name(backward, dtype, "[4, 3] dx = x, dx = y, dx = dy, x = y"), backward, dtype,
                        c -> activationBackward(c, f)));
            }
            checks.add(new OpCheck(name("axpby", dtype, "[4, 3] alpha=0.75 beta=-0.5 y = x"), "axpby", dtype,
                    AliasingChecks::axpby));
            checks.add(new OpCheck(name("scale, copy, addScalar", dtype, "[4, 3] out = x"), "scale", dtype,
                    AliasingChecks::scaleCopyAddScalar));
            checks.add(new OpCheck(name("addcdiv", dtype, "[4, 3] y = a, y = b, a = b"), "addcdiv", dtype,
                    AliasingChecks::addcdiv));
            for (boolean ta : FLAGS) {
                for (boolean tb : FLAGS) {
                    checks.add(new OpCheck(ProductChecks.gemmName("gemm", dtype, 3, 3, 3, ta, tb, 1.5, 0.5) + " a = b",
                            "gemm", dtype, c -> gemm(c, ta, tb)));
                }
            }
            checks.add(new OpCheck(name("linear", dtype, "x [3, 3] w = x, with bias"), "linear", dtype, AliasingChecks::linear));
            checks.add(new OpCheck(name("dot", dtype, "[4, 3] a = b"), "dot", dtype, AliasingChecks::dot));

            checks.add(new OpCheck(name("facade rejects gemm", dtype, "[3, 3] with c = a, c = b"), "gemm", dtype,
                    AliasingChecks::rejectsGemm));
            checks.add(new OpCheck(name("facade rejects linear", dtype, "x [3, 3] w [3, 3] with y = x, y = w"), "linear",
                    dtype, AliasingChecks::rejectsLinear));
            checks.add(new OpCheck(name("facade rejects addcdiv", dtype,
                    "[2, 2] with scratch = a, scratch = b, scratch = y"), "addcdiv", dtype, AliasingChecks::rejectsAddcdiv));
            checks.add(new OpCheck(name("facade rejects mismatched shapes and foreign tensors", dtype, "binary(ADD) and axpby"),
                    "binary(ADD)", dtype, AliasingChecks::rejectsShapesAndForeignTensors));
        }
    }

    private static final Shape SHAPE = Shape.matrix(4, 3);

    private static double[] data(OpCheckContext c, long seed) {
        return OpData.random(seed, SHAPE.size(), c.dtype());
    }

    private static void addRowVector(OpCheckContext c) {
        double[] av = data(c, 40);
        Tensor v = c.tensor(Shape.vector(3), 0.5, -1.25, 3);
        Tensor distinct = c.zeros(SHAPE);
        c.backend().addRowVector(c.tensor(SHAPE, av), v, distinct);
        Tensor a = c.tensor(SHAPE, av);
        c.backend().addRowVector(a, v, a);
        c.close("out = a", a, 1, c.read("out", distinct), null);
    }

    private static void rowBroadcast(OpCheckContext c, BinaryOp op) {
        double[] av = data(c, 41);
        Tensor v = c.tensor(Shape.vector(4), 0.5, -1.25, 3, 1.5);
        Tensor distinct = c.zeros(SHAPE);
        c.backend().rowBroadcast(op, c.tensor(SHAPE, av), v, distinct);
        Tensor a = c.tensor(SHAPE, av);
        c.backend().rowBroadcast(op, a, v, a);
        c.close("out = a", a, 1, c.read("out", distinct), null);
    }

    private static void binary(OpCheckContext c, BinaryOp op) {
        Backend b = c.backend();
        double[] av = data(c, 42);
        double[] bv = op == BinaryOp.DIV ? OpData.positive(43, SHAPE.size(), c.dtype()) : data(c, 43);
        Tensor distinct = c.zeros(SHAPE);
        b.binary(op, c.tensor(SHAPE, av), c.tensor(SHAPE, bv), distinct);
        double[] expected = c.read("out", distinct);
        Tensor a = c.tensor(SHAPE, av);
        b.binary(op, a, c.tensor(SHAPE, bv), a);
        c.close("out = a", a, 1, expected, null);
        Tensor second = c.tensor(SHAPE, bv);
        b.binary(op, c.tensor(SHAPE, av), second, second);
        c.close("out = b", second, 1, expected, null);

        b.binary(op, c.tensor(SHAPE, av), c.tensor(SHAPE, av), distinct);
        double[] squared = c.read("out", distinct);
        Tensor same = c.tensor(SHAPE, av);
        Tensor out = c.zeros(SHAPE);
        b.binary(op, same, same, out);
        c.close("a = b", out, 1, squared, null);
        b.binary(op, same, same, same);
        c.close("a = b = out", same, 1, squared, null);
    }

    private static void unary(OpCheckContext c, UnaryOp op) {
        double[] av = op == UnaryOp.SQRT || op == UnaryOp.LOG ? OpData.positive(44, SHAPE.size(), c.dtype()) : data(c, 44);
        Tensor distinct = c.zeros(SHAPE);
        c.backend().unary(op, c.tensor(SHAPE, av), distinct);
        Tensor a = c.tensor(SHAPE, av);
        c.backend().unary(op, a, a);
        c.close("out = a", a, 1, c.read("out", distinct), null);
    }

    private static void activation(OpCheckContext c, Activation f) {
        double[] xv = OpData.wide(45, SHAPE.size(), c.dtype());
        Tensor distinct = c.zeros(SHAPE);
        c.backend().activation(f, c.tensor(SHAPE, xv), distinct);
        Tensor x = c.tensor(SHAPE, xv);
        c.backend().activation(f, x, x);
        c.close("y = x", x, ActivationChecks.ulps(f, c.dtype()), c.read("y", distinct), null);
    }

    private static void activationBackward(OpCheckContext c, Activation f) {
        Backend b = c.backend();
        double[] xv = OpData.wide(46, SHAPE.size(), c.dtype());
        double[] dyv = data(c, 47);
        Tensor y = c.zeros(SHAPE);
        b.activation(f, c.tensor(SHAPE, xv), y);
        double[] yv = c.read("y", y);
        Tensor distinct = c.zeros(SHAPE);
        b.activationBackward(f, c.tensor(SHAPE, xv), c.tensor(SHAPE, yv), c.tensor(SHAPE, dyv), distinct);
        double[] expected = c.read("dx", distinct);
        double ulps = ActivationChecks.ulps(f, c.dtype());

        Tensor x = c.tensor(SHAPE, xv);
        b.activationBackward(f, x, c.tensor(SHAPE, yv), c.tensor(SHAPE, dyv), x);
        c.close("dx = x", x, ulps, expected, null);
        Tensor out = c.tensor(SHAPE, yv);
        b.activationBackward(f, c.tensor(SHAPE, xv), out, c.tensor(SHAPE, dyv), out);
        c.close("dx = y", out, ulps, expected, null);
        Tensor dy = c.tensor(SHAPE, dyv);
        b.activationBackward(f, c.tensor(SHAPE, xv), c.tensor(SHAPE, yv), dy, dy);
        c.close("dx = dy", dy, ulps, expected, null);

        // x = y: one tensor for both, against two distinct ones holding its values
        b.activationBackward(f, c.tensor(SHAPE, xv), c.tensor(SHAPE, xv), c.tensor(SHAPE, dyv), distinct);
        double[] fromBoth = c.read("dx", distinct);
        Tensor both = c.tensor(SHAPE, xv);
        Tensor dx = c.zeros(SHAPE);
        b.activationBackward(f, both, both, c.tensor(SHAPE, dyv), dx);
        c.close("x = y", dx, ulps, fromBoth, null);
    }

    private static void axpby(OpCheckContext c) {
        double[] xv = data(c, 48);
        Tensor distinct = c.tensor(SHAPE, xv);
        c.backend().axpby(0.75, c.tensor(SHAPE, xv), -0.5, distinct);
        Tensor x = c.tensor(SHAPE, xv);
        c.backend().axpby(0.75, x, -0.5, x); // a backend may compute (alpha + beta) x instead
        double[] magnitude = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            magnitude[i] = 1.25 * Math.abs(xv[i]);
        }
        c.close("y = x", x, 4, c.read("y", distinct), magnitude);
    }

    private static void scaleCopyAddScalar(OpCheckContext c) {
        Backend b = c.backend();
        double[] xv = data(c, 49);
        Tensor distinct = c.zeros(SHAPE);
        b.scale(-0.3, c.tensor(SHAPE, xv), distinct);
        Tensor x = c.tensor(SHAPE, xv);
        b.scale(-0.3, x, x);
        c.close("scale out = x", x, 1, c.read("scale", distinct), null);
        Tensor y = c.tensor(SHAPE, xv);
        b.copy(y, y);
        c.exact("copy dst = src", y, xv);
        b.addScalar(c.tensor(SHAPE, xv), 0.7, distinct);
        Tensor z = c.tensor(SHAPE, xv);
        b.addScalar(z, 0.7, z);
        c.close("addScalar out = a", z, 1, c.read("addScalar", distinct), null);
    }

    private static void addcdiv(OpCheckContext c) {
        Backend b = c.backend();
        double[] av = OpData.positive(50, SHAPE.size(), c.dtype());
        double[] bv = OpData.positive(51, SHAPE.size(), c.dtype());
        Tensor scratch = c.zeros(SHAPE);
        String op = "addcdiv";
        double value = -0.4;
        double[] magnitude = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            magnitude[i] = Math.abs(av[i]) + Math.abs(bv[i]) + Math.abs(value * av[i] / bv[i]);
        }
        // y = a: y starts as a's values
        Tensor distinct = c.tensor(SHAPE, av);
        b.addcdiv(value, c.tensor(SHAPE, av), c.tensor(SHAPE, bv), distinct, scratch);
        Tensor ya = c.tensor(SHAPE, av);
        b.addcdiv(value, ya, c.tensor(SHAPE, bv), ya, scratch);
        c.close(op + " y = a", ya, 4, c.read(op, distinct), magnitude);
        // y = b: y starts as b's values
        Tensor distinctB = c.tensor(SHAPE, bv);
        b.addcdiv(value, c.tensor(SHAPE, av), c.tensor(SHAPE, bv), distinctB, scratch);
        Tensor yb = c.tensor(SHAPE, bv);
        b.addcdiv(value, c.tensor(SHAPE, av), yb, yb, scratch);
        c.close(op + " y = b", yb, 4, c.read(op, distinctB), magnitude);
        // a = b
        Tensor distinctSame = c.tensor(SHAPE, bv);
        b.addcdiv(value, c.tensor(SHAPE, av), c.tensor(SHAPE, av), distinctSame, scratch);
        Tensor same = c.tensor(SHAPE, av);
        Tensor y = c.tensor(SHAPE, bv);
        b.addcdiv(value, same, same, y, scratch);
        c.close(op + " a = b", y, 4, c.read(op, distinctSame), magnitude);
    }

    /** {@code sum_k |op(a)_ik| |op(b)_kj|} for a square {@code a} used as both operands. */
    private static double[] productMagnitude(double[] a, int n, boolean ta, boolean tb) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double left = ta ? a[k * n + i] : a[i * n + k];
                    double right = tb ? a[j * n + k] : a[k * n + j];
                    m[i * n + j] += Math.abs(left * right);
                }
            }
        }
        return m;
    }

    private static void gemm(OpCheckContext c, boolean ta, boolean tb) {
        Shape square = Shape.matrix(3, 3);
        double[] av = OpData.random(52, 9, c.dtype());
        double[] cv = OpData.random(53, 9, c.dtype());
        Tensor distinct = c.tensor(square, cv);
        c.backend().gemm(1.5, c.tensor(square, av), ta, c.tensor(square, av), tb, 0.5, distinct);
        Tensor a = c.tensor(square, av);
        Tensor out = c.tensor(square, cv);
        c.backend().gemm(1.5, a, ta, a, tb, 0.5, out);
        double[] magnitude = productMagnitude(av, 3, ta, tb);
        for (int i = 0; i < 9; i++) {
            magnitude[i] = 1.5 * magnitude[i] + 0.5 * Math.abs(cv[i]);
        }
        c.close("c with a = b", out, 4.0 * (3 + 2), c.read("c", distinct), magnitude);
    }

    private static void linear(OpCheckContext c) {
        Shape square = Shape.matrix(3, 3);
        double[] xv = OpData.random(54, 9, c.dtype());
        Tensor bias = c.tensor(Shape.vector(3), 0.25, -1, 2);
        Tensor distinct = c.zeros(square);
        c.backend().linear(c.tensor(square, xv), c.tensor(square, xv), bias, distinct);
        Tensor x = c.tensor(square, xv);
        Tensor y = c.zeros(square);
        c.backend().linear(x, x, bias, y);
        double[] magnitude = productMagnitude(xv, 3, false, true);
        for (int i = 0; i < 9; i++) {
            magnitude[i] += 2;
        }
        c.close("y with w = x", y, 4.0 * (3 + 3), c.read("y", distinct), magnitude);
    }

    private static void dot(OpCheckContext c) {
        double[] av = data(c, 55);
        double magnitude = 0;
        for (double v : av) {
            magnitude += v * v;
        }
        double distinct = c.backend().dot(c.tensor(SHAPE, av), c.tensor(SHAPE, av));
        Tensor a = c.tensor(SHAPE, av);
        Shape scalar = Shape.vector(1);
        c.close("dot with a = b", scalar, 2.0 * (SHAPE.size() + 2), new double[] {distinct},
                new double[] {c.backend().dot(a, a)}, new double[] {magnitude});
    }

    // ---- what the facade forbids -----------------------------------------------------------

    private static void rejectsGemm(OpCheckContext c) {
        Shape square = Shape.matrix(3, 3);
        double[] av = OpData.random(56, 9, c.dtype());
        Tensor a = c.tensor(square, av);
        Tensor b = c.tensor(square, av);
        c.rejects("c = a", () -> c.backend().gemm(1.0, a, false, b, false, 0.0, a), "gemm", "c is the same tensor as a");
        c.rejects("c = b", () -> c.backend().gemm(1.0, a, false, b, true, 1.0, b), "gemm", "c is the same tensor as b");
        c.exact("a and b unchanged", Shape.matrix(2, 9), concat(av, av), concat(c.read("a", a), c.read("b", b)));
    }

    private static void rejectsLinear(OpCheckContext c) {
        Shape square = Shape.matrix(3, 3);
        double[] xv = OpData.random(57, 9, c.dtype());
        Tensor x = c.tensor(square, xv);
        Tensor w = c.tensor(square, xv);
        c.rejects("y = x", () -> c.backend().linear(x, w, null, x), "linear", "y is the same tensor as x");
        c.rejects("y = w", () -> c.backend().linear(x, w, null, w), "linear", "y is the same tensor as w");
        c.exact("x and w unchanged", Shape.matrix(2, 9), concat(xv, xv), concat(c.read("x", x), c.read("w", w)));
    }

    private static void rejectsAddcdiv(OpCheckContext c) {
        Shape shape = Shape.matrix(2, 2);
        Tensor a = c.tensor(shape, 1, 2, 3, 4);
        Tensor b = c.tensor(shape, 5, 6, 7, 8);
        Tensor y = c.tensor(shape, 9, 10, 11, 12);
        String op = "addcdiv";
        c.rejects(op + " scratch = a", () -> c.backend().addcdiv(0.5, a, b, y, a), op, "scratch is the same tensor as a");
        c.rejects(op + " scratch = b", () -> c.backend().addcdiv(0.5, a, b, y, b), op, "scratch is the same tensor as b");
        c.rejects(op + " scratch = y", () -> c.backend().addcdiv(0.5, a, b, y, y), op, "scratch is the same tensor as y");
        c.exact("a, b and y unchanged", Shape.matrix(3, 4), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                concat(concat(c.read("a", a), c.read("b", b)), c.read("y", y)));
    }

    private static void rejectsShapesAndForeignTensors(OpCheckContext c) {
        Tensor a = c.zeros(Shape.matrix(2, 3));
        Tensor b = c.zeros(Shape.matrix(3, 2));
        c.rejects("binary(ADD) of [2, 3] and [3, 2]", () -> c.backend().binary(BinaryOp.ADD, a, b, a), "binary(ADD)",
                "[3, 2]");
        Tensor foreign = c.reference().zeros(c.dtype(), Shape.matrix(2, 3));
        if (c.reference().ops() != c.backend().ops()) {
            c.rejects("axpby with a tensor of naive", () -> c.backend().axpby(1.0, foreign, 1.0, a), "axpby",
                    "belongs to another backend");
        }
    }

    private static double[] concat(double[] p, double[] q) {
        double[] r = new double[p.length + q.length];
        System.arraycopy(p, 0, r, 0, p.length);
        System.arraycopy(q, 0, r, p.length, q.length);
        return r;
    }
}
