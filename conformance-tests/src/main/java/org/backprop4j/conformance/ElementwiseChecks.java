package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * The op contract's checks of {@code binary} and {@code unary}: every op by hand, at the
 * special values the API documents (division by zero, NaN in MAX and MIN, EXP overflowing and
 * at {@code -Infinity}, LOG of zeros, negatives and infinity, ABS and SIGN of signed zeros and
 * NaN), and against the naive reference.
 */
final class ElementwiseChecks {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private ElementwiseChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                String opName = "binary(" + op + ")";
                checks.add(new OpCheck(name(opName, dtype, "[5]"), opName, dtype, c -> binaryByHand(c, op)));
                checks.add(new OpCheck(name(opName + " vs naive", dtype, "[9, 4]"), opName, dtype, c -> binaryAgrees(c, op)));
            }
            checks.add(new OpCheck(name("binary IEEE 754 special values", dtype,
                    "[4]: division by zero, NaN and infinities in MAX, MIN and ADD"), "binary", dtype,
                    ElementwiseChecks::binarySpecialValues));
            checks.add(new OpCheck(name("unary(SQRT)", dtype, "[5] with 0, -0 and -1"), "unary(SQRT)", dtype,
                    ElementwiseChecks::sqrt));
            checks.add(new OpCheck(name("unary(SQUARE)", dtype, "[5] with NaN and -Infinity"), "unary(SQUARE)", dtype,
                    ElementwiseChecks::square));
            checks.add(new OpCheck(name("unary(EXP)", dtype, "[12] with overflow, underflow, -Infinity, NaN"),
                    "unary(EXP)", dtype, ElementwiseChecks::exp));
            checks.add(new OpCheck(name("unary(LOG)", dtype, "[11] with +-0, negatives, Infinity, NaN, subnormal"),
                    "unary(LOG)", dtype, ElementwiseChecks::log));
            checks.add(new OpCheck(name("unary(ABS)", dtype, "[8] with -0, -Infinity, NaN"), "unary(ABS)", dtype,
                    ElementwiseChecks::abs));
            checks.add(new OpCheck(name("unary(SIGN)", dtype, "[10] with +-0, infinities, NaN, subnormals"),
                    "unary(SIGN)", dtype, ElementwiseChecks::sign));
            for (UnaryOp op : UnaryOp.values()) {
                String opName = "unary(" + op + ")";
                checks.add(new OpCheck(name(opName + " vs naive", dtype, "[6, 5]"), opName, dtype, c -> unaryAgrees(c, op)));
            }
        }
    }

    /** a = {1, -2, 3.5, 0, 6}, b = {2, 4, -0.5, 3, 6}. */
    private static double[] binaryByHand(BinaryOp op) {
        return switch (op) {
            case ADD -> new double[] {3, 2, 3, 3, 12};
            case SUB -> new double[] {-1, -6, 4, -3, 0};
            case MUL -> new double[] {2, -8, -1.75, 0, 36};
            case DIV -> new double[] {0.5, -0.5, -7, 0, 1};
            case MAX -> new double[] {2, 4, 3.5, 3, 6};
            case MIN -> new double[] {1, -2, -0.5, 0, 6};
        };
    }

    private static void binaryByHand(OpCheckContext c, BinaryOp op) {
        Shape shape = Shape.vector(5);
        Tensor out = c.tensor(shape, OpData.filled(5, NAN));
        c.backend().binary(op, c.tensor(shape, 1, -2, 3.5, 0, 6), c.tensor(shape, 2, 4, -0.5, 3, 6), out);
        c.exact("out", out, binaryByHand(op));
    }

    private static void binarySpecialValues(OpCheckContext c) {
        Shape shape = Shape.vector(4);
        Tensor out = c.zeros(shape);
        c.backend().binary(BinaryOp.DIV, c.tensor(shape, 1, -1, 0, 2), c.tensor(shape, 0, 0, 0, -0.0), out);
        c.exact("DIV by zero", out, INF, -INF, NAN, -INF);
        Tensor p = c.tensor(shape, NAN, 1, -1, -INF);
        Tensor q = c.tensor(shape, 1, NAN, -2, -5);
        c.backend().binary(BinaryOp.MAX, p, q, out);
        c.exact("MAX with NaN", out, NAN, NAN, -1, -5);
        c.backend().binary(BinaryOp.MIN, p, q, out);
        c.exact("MIN with NaN", out, NAN, NAN, -2, -INF);
        c.backend().binary(BinaryOp.ADD, c.tensor(shape, NAN, INF, 1, 2), c.tensor(shape, 1, -INF, NAN, 3), out);
        c.exact("ADD with NaN and both infinities", out, NAN, NAN, NAN, 5);
    }

    private static void binaryAgrees(OpCheckContext c, BinaryOp op) {
        DType dtype = c.dtype();
        Shape shape = Shape.matrix(9, 4);
        double[] av = OpData.random(11, shape.size(), dtype);
        double[] bv = op == BinaryOp.DIV ? OpData.positive(12, shape.size(), dtype) : OpData.random(12, shape.size(), dtype);
        Tensor out = c.zeros(shape);
        c.backend().binary(op, c.tensor(shape, av), c.tensor(shape, bv), out);
        Tensor expected = c.reference().zeros(dtype, shape);
        c.reference().binary(op, c.referenceTensor(shape, av), c.referenceTensor(shape, bv), expected);
        c.close("out", out, 1, c.readReference(expected), null);
    }

    private static void sqrt(OpCheckContext c) {
        Tensor a = c.tensor(Shape.vector(5), 4, 2.25, 0, -0.0, -1);
        Tensor out = c.zeros(a.shape());
        c.backend().unary(UnaryOp.SQRT, a, out);
        c.exact("out", out, 2, 1.5, 0, -0.0, NAN);
    }

    private static void square(OpCheckContext c) {
        Tensor a = c.tensor(Shape.vector(5), 3, -1.5, 0, NAN, -INF);
        Tensor out = c.zeros(a.shape());
        c.backend().unary(UnaryOp.SQUARE, a, out);
        c.exact("out", out, 9, 2.25, 0, NAN, INF);
    }

    /**
     * The largest finite value of EXP is about 88.72 in float32 and 709.78 in float64: just below
     * and just above it, the result is finite and {@code +Infinity}.
     */
    private static void exp(OpCheckContext c) {
        DType dtype = c.dtype();
        double below = dtype == DType.FLOAT32 ? 88.5 : 709.7;
        double above = dtype == DType.FLOAT32 ? 88.8 : 709.8;
        // exp(+-0) = 1, exp(below) finite, exp(above) = +Infinity, exp(-Infinity) = 0, exp(-1000) underflows to 0
        transcendental(c, UnaryOp.EXP, Math::exp,
                OpData.rounded(dtype, 0, -0.0, 1, -1, 0.5, -2.5, below, above, -INF, INF, NAN, -1000));
    }

    private static void log(OpCheckContext c) {
        DType dtype = c.dtype();
        double subnormal = dtype == DType.FLOAT32 ? 1e-40 : 1e-310;
        // log(1) = 0, log(+-0) = -Infinity, log(-1) = log(-Infinity) = NaN, log(Infinity) = Infinity
        transcendental(c, UnaryOp.LOG, Math::log,
                OpData.rounded(dtype, 1, Math.E, 0.5, 10, 0, -0.0, -1, -INF, INF, NAN, subnormal));
    }

    /**
     * Applies {@code op} to the vector {@code x} and holds it to {@code reference} (computed in
     * double, rounded once to the dtype) within {@link OpAssertions#transcendentalUlps}.
     */
    private static void transcendental(OpCheckContext c, UnaryOp op, DoubleUnaryOperator reference, double[] x) {
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = c.dtype().round(reference.applyAsDouble(x[i]));
        }
        Tensor a = c.tensor(Shape.vector(x.length), x);
        Tensor out = c.zeros(a.shape());
        c.backend().unary(op, a, out);
        c.close("out", out, OpAssertions.transcendentalUlps(c.dtype()), expected, null);
    }

    private static void abs(OpCheckContext c) {
        double tiny = c.dtype() == DType.FLOAT32 ? -Float.MIN_VALUE : -Double.MIN_VALUE;
        Tensor a = c.tensor(Shape.vector(8), -2, 2, -0.0, 0.0, -INF, INF, NAN, tiny);
        Tensor out = c.zeros(a.shape());
        c.backend().unary(UnaryOp.ABS, a, out);
        c.exact("out", out, 2, 2, 0.0, 0.0, INF, INF, NAN, -tiny); // +0.0 for -0.0
    }

    private static void sign(OpCheckContext c) {
        double tiny = c.dtype() == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        Tensor a = c.tensor(Shape.vector(10), -2, 3, -0.0, 0.0, -INF, INF, NAN, tiny, -tiny, -0.25);
        Tensor out = c.zeros(a.shape());
        c.backend().unary(UnaryOp.SIGN, a, out);
        c.exact("out", out, -1, 1, 0.0, 0.0, -1, 1, NAN, 1, -1, -1); // +0.0 for both zeros
    }

    private static void unaryAgrees(OpCheckContext c, UnaryOp op) {
        DType dtype = c.dtype();
        Shape shape = Shape.matrix(6, 5);
        double[] av = op == UnaryOp.SQRT || op == UnaryOp.LOG ? OpData.positive(13, shape.size(), dtype)
                : OpData.random(13, shape.size(), dtype);
        Tensor out = c.zeros(shape);
        c.backend().unary(op, c.tensor(shape, av), out);
        Tensor expected = c.reference().zeros(dtype, shape);
        c.reference().unary(op, c.referenceTensor(shape, av), expected);
        double ulps = switch (op) {
            case ABS, SIGN -> 0;
            case SQRT, SQUARE -> 1;
            case EXP, LOG -> OpAssertions.transcendentalUlps(dtype);
        };
        c.close("out", out, ulps, c.readReference(expected), null);
    }
}
