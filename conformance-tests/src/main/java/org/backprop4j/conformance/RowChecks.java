package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * The op contract's checks of the row ops softmax and the cross-entropy losses are built from:
 * {@code rowReduce} (SUM, MAX) and {@code rowBroadcast} (every binary op), by hand, at their
 * special values (a row of {@code -Infinity}, a row holding NaN, both infinities in one sum, NaN
 * and infinities in {@code v}), against the naive reference, and log-sum-exp of logits of
 * {@code ±1e4} composed from them as {@code nn-core} composes it.
 */
final class RowChecks {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private RowChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            for (ReduceOp op : ReduceOp.values()) {
                String opName = "rowReduce(" + op + ")";
                checks.add(new OpCheck(name(opName, dtype, "a [3, 4]"), opName, dtype, c -> rowReduceByHand(c, op)));
                checks.add(new OpCheck(name(opName, dtype, "a [6, 3] rows of -Infinity, NaN, both infinities"), opName,
                        dtype, c -> rowReduceSpecialValues(c, op)));
                for (Shape shape : List.of(Shape.matrix(1, 1), Shape.matrix(1, 5), Shape.matrix(6, 1),
                        Shape.matrix(4, 7), Shape.matrix(3, 33), Shape.matrix(33, 3))) {
                    checks.add(new OpCheck(name(opName + " vs naive", dtype, "a " + shape), opName, dtype,
                            c -> rowReduceAgrees(c, op, shape)));
                }
            }
            for (BinaryOp op : BinaryOp.values()) {
                String opName = "rowBroadcast(" + op + ")";
                checks.add(new OpCheck(name(opName, dtype, "a [2, 3] v [2]"), opName, dtype, c -> rowBroadcastByHand(c, op)));
                checks.add(new OpCheck(name(opName, dtype, "a [3, 2] v [3] with NaN, Infinity, -0"), opName, dtype,
                        c -> rowBroadcastSpecialValues(c, op)));
                for (Shape shape : List.of(Shape.matrix(1, 1), Shape.matrix(1, 5), Shape.matrix(6, 1),
                        Shape.matrix(9, 4))) {
                    checks.add(new OpCheck(name(opName + " vs naive", dtype, "a " + shape, "v [" + shape.rows() + "]"),
                            opName, dtype, c -> rowBroadcastAgrees(c, op, shape)));
                }
            }
            checks.add(new OpCheck(name("log-sum-exp from rowReduce, rowBroadcast, EXP and LOG", dtype,
                    "a [4, 3] logits of +-1e4 and -Infinity"), "rowReduce", dtype, RowChecks::logSumExp));
        }
    }

    private static void rowReduceByHand(OpCheckContext c, ReduceOp op) {
        Tensor a = c.tensor(Shape.matrix(3, 4), 1, 2, 3, 4, -1, 0.5, 0.25, -0.75, -8, -2, -0.5, -3);
        Tensor out = c.tensor(Shape.vector(3), NAN, INF, NAN);
        c.backend().rowReduce(op, a, out);
        switch (op) {
            case SUM -> c.exact("out", out, 10, -1, -13.5);
            case MAX -> c.exact("out", out, 4, 0.5, -0.5);
        }
    }

    private static void rowReduceSpecialValues(OpCheckContext c, ReduceOp op) {
        Tensor a = c.tensor(Shape.matrix(6, 3),
                -INF, -INF, -INF,
                NAN, 1, 2,
                1, 2, NAN,
                INF, -INF, 1,
                -INF, 5, -INF,
                3e38, -1e38, INF);
        Tensor out = c.zeros(Shape.vector(6));
        c.backend().rowReduce(op, a, out);
        switch (op) {
            case SUM -> c.exact("out", out, -INF, NAN, NAN, NAN, -INF, INF);
            case MAX -> c.exact("out", out, -INF, NAN, NAN, INF, 5, INF);
        }
    }

    private static void rowReduceAgrees(OpCheckContext c, ReduceOp op, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(31, shape.size(), dtype);
        Tensor out = c.zeros(Shape.vector(shape.rows()));
        c.backend().rowReduce(op, c.tensor(shape, av), out);
        Tensor expected = c.reference().zeros(dtype, out.shape());
        c.reference().rowReduce(op, c.referenceTensor(shape, av), expected);
        double[] magnitude = new double[shape.rows()];
        for (int i = 0; i < av.length; i++) {
            magnitude[i / shape.cols()] += Math.abs(av[i]);
        }
        switch (op) {
            case SUM -> c.close("out", out, 2.0 * (shape.cols() + 2), c.readReference(expected), magnitude);
            case MAX -> c.close("out", out, 0, c.readReference(expected), null); // exact, zeros of either sign
        }
    }

    /** a = [[1, -2, 3.5], [0, 6, -0.5]], v = [2, -4]: out_ij = a_ij op v_i, exact in both dtypes. */
    private static double[] rowBroadcastByHand(BinaryOp op) {
        return switch (op) {
            case ADD -> new double[] {3, 0, 5.5, -4, 2, -4.5};
            case SUB -> new double[] {-1, -4, 1.5, 4, 10, 3.5};
            case MUL -> new double[] {2, -4, 7, -0.0, -24, 2};
            case DIV -> new double[] {0.5, -1, 1.75, -0.0, -1.5, 0.125};
            case MAX -> new double[] {2, 2, 3.5, 0, 6, -0.5};
            case MIN -> new double[] {1, -2, 2, -4, -4, -4};
        };
    }

    private static void rowBroadcastByHand(OpCheckContext c, BinaryOp op) {
        Tensor a = c.tensor(Shape.matrix(2, 3), 1, -2, 3.5, 0, 6, -0.5);
        Tensor v = c.tensor(Shape.vector(2), 2, -4);
        Tensor out = c.tensor(Shape.matrix(2, 3), OpData.filled(6, NAN));
        c.backend().rowBroadcast(op, a, v, out);
        c.exact("out", out, rowBroadcastByHand(op));
    }

    /** a = [[1, 2], [3, 4], [5, 6]], v = [NaN, Infinity, -0.0]: IEEE 754 throughout. */
    private static double[] rowBroadcastSpecialValues(BinaryOp op) {
        return switch (op) {
            case ADD -> new double[] {NAN, NAN, INF, INF, 5, 6};
            case SUB -> new double[] {NAN, NAN, -INF, -INF, 5, 6};
            case MUL -> new double[] {NAN, NAN, INF, INF, -0.0, -0.0};
            case DIV -> new double[] {NAN, NAN, 0, 0, -INF, -INF};
            case MAX -> new double[] {NAN, NAN, INF, INF, 5, 6};
            case MIN -> new double[] {NAN, NAN, 3, 4, -0.0, -0.0};
        };
    }

    private static void rowBroadcastSpecialValues(OpCheckContext c, BinaryOp op) {
        Tensor a = c.tensor(Shape.matrix(3, 2), 1, 2, 3, 4, 5, 6);
        Tensor v = c.tensor(Shape.vector(3), NAN, INF, -0.0);
        Tensor out = c.zeros(a.shape());
        c.backend().rowBroadcast(op, a, v, out);
        c.exact("out", out, rowBroadcastSpecialValues(op));
    }

    private static void rowBroadcastAgrees(OpCheckContext c, BinaryOp op, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(32, shape.size(), dtype);
        double[] vv = op == BinaryOp.DIV ? OpData.positive(33, shape.rows(), dtype) : OpData.random(33, shape.rows(), dtype);
        Tensor out = c.zeros(shape);
        c.backend().rowBroadcast(op, c.tensor(shape, av), c.tensor(Shape.vector(shape.rows()), vv), out);
        Tensor expected = c.reference().zeros(dtype, shape);
        c.reference().rowBroadcast(op, c.referenceTensor(shape, av), c.referenceTensor(Shape.vector(shape.rows()), vv),
                expected);
        c.close("out", out, 1, c.readReference(expected), null);
    }

    /**
     * {@code lse_i = m_i + log sum_j exp(x_ij - m_i)}, {@code m_i = max_j x_ij}, as {@code nn-core}
     * computes it: finite for logits of {@code ±1e4}, where {@code exp} alone overflows.
     */
    private static void logSumExp(OpCheckContext c) {
        double[] logits = {1e4, 1e4 - 1, -1e4, -INF, 0, 0, -1e4, -1e4, -1e4, 2, -3, 0.5};
        Shape shape = Shape.matrix(4, 3);
        Tensor x = c.tensor(shape, logits);
        Tensor max = c.zeros(Shape.vector(4));
        Tensor shifted = c.zeros(shape);
        Tensor sum = c.zeros(Shape.vector(4));
        c.backend().rowReduce(ReduceOp.MAX, x, max);
        c.backend().rowBroadcast(BinaryOp.SUB, x, max, shifted);
        c.backend().unary(UnaryOp.EXP, shifted, shifted);
        c.backend().rowReduce(ReduceOp.SUM, shifted, sum);
        c.backend().unary(UnaryOp.LOG, sum, sum);
        c.backend().binary(BinaryOp.ADD, sum, max, sum);
        double[] stored = c.read("x", x);
        double[] expected = new double[4];
        double[] magnitude = new double[4];
        for (int i = 0; i < 4; i++) {
            double m = Math.max(Math.max(stored[3 * i], stored[3 * i + 1]), stored[3 * i + 2]);
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += Math.exp(stored[3 * i + j] - m);
            }
            expected[i] = c.dtype().round(m + Math.log(s));
            magnitude[i] = Math.abs(m) + Math.abs(Math.log(s));
        }
        // five rounded steps, each within the transcendental allowance of the magnitude
        c.close("log-sum-exp", sum, 5 * OpAssertions.transcendentalUlps(c.dtype()), expected, magnitude);
    }
}
