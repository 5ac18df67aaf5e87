package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * The op contract's checks of the ops optimizers are made of: {@code axpby} (with
 * {@code beta == 0} not reading {@code y} and {@code alpha == 0} reading {@code x}),
 * {@code scale}, {@code copy}, {@code addScalar}, {@code fill},
 * {@code addcdiv}, and the reductions {@code sum} and {@code dot}.
 */
final class UpdateChecks {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private UpdateChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            checks.add(new OpCheck(name("axpby", dtype, "[4] alpha=2.0 beta=0.5, and alpha=-3.0 beta=0.0 (NaN in y not read)"),
                    "axpby", dtype, UpdateChecks::axpbyByHand));
            checks.add(new OpCheck(name("axpby", dtype, "[4] alpha=0.0 beta=0.5, 1.0 and 0.0 (NaN and Infinity in x read)"),
                    "axpby", dtype, UpdateChecks::axpbyAlphaZero));
            checks.add(new OpCheck(name("scale", dtype, "[4] alpha=0.0 (NaN and Infinity in x read)"), "scale", dtype,
                    UpdateChecks::scaleByZero));
            checks.add(new OpCheck(name("scale, copy, addScalar, fill", dtype, "[2, 2]"), "scale", dtype,
                    UpdateChecks::scaleCopyAddScalarFill));
            checks.add(new OpCheck(name("addcdiv", dtype, "[3] value=-2.0"), "addcdiv", dtype,
                    UpdateChecks::addcdivByHand));
            checks.add(new OpCheck(name("sum and dot", dtype, "[4]"), "sum", dtype, UpdateChecks::sumAndDotByHand));
            for (Shape shape : ProductChecks.matrices()) {
                checks.add(new OpCheck(name("axpby vs naive", dtype, shape, "alpha=0.9 beta=-0.3"), "axpby", dtype,
                        c -> axpbyAgrees(c, shape)));
                checks.add(new OpCheck(name("sum and dot vs naive", dtype, shape), "sum", dtype, c -> sumAndDotAgree(c, shape)));
                checks.add(new OpCheck(name("addcdiv vs naive", dtype, shape, "value=0.3"), "addcdiv",
                        dtype, c -> addcdivAgrees(c, shape)));
            }
        }
    }

    private static void axpbyByHand(OpCheckContext c) {
        Shape shape = Shape.vector(4);
        Tensor x = c.tensor(shape, 1, -2, 0.25, 0);
        Tensor y = c.tensor(shape, 4, 8, -1, 3);
        c.backend().axpby(2.0, x, 0.5, y);
        c.exact("y after alpha=2.0 beta=0.5", y, 4, 0, 0, 1.5);
        Tensor nan = c.tensor(shape, OpData.filled(4, NAN));
        c.backend().axpby(-3.0, x, 0.0, nan);
        c.close("y after alpha=-3.0 beta=0.0", nan, 0, new double[] {-3, 6, -0.75, 0}, null);
    }

    private static void axpbyAlphaZero(OpCheckContext c) {
        Shape shape = Shape.vector(4);
        Tensor x = c.tensor(shape, NAN, INF, 1, -2);
        Tensor y = c.tensor(shape, 1, 2, 3, 4);
        c.backend().axpby(0.0, x, 0.5, y);
        c.close("y after alpha=0.0 beta=0.5", y, 0, new double[] {NAN, NAN, 1.5, 2}, null);
        Tensor z = c.tensor(shape, 1, 2, 3, 4);
        c.backend().axpby(0.0, x, 1.0, z);
        c.close("y after alpha=0.0 beta=1.0", z, 0, new double[] {NAN, NAN, 3, 4}, null);
        Tensor w = c.tensor(shape, NAN, NAN, INF, NAN);
        c.backend().axpby(0.0, x, 0.0, w);
        c.close("y after alpha=0.0 beta=0.0", w, 0, new double[] {NAN, NAN, 0, 0}, null);
    }

    private static void scaleByZero(OpCheckContext c) {
        Shape shape = Shape.vector(4);
        Tensor out = c.tensor(shape, 7, 7, 7, 7);
        c.backend().scale(0.0, c.tensor(shape, NAN, -INF, 3, -3), out);
        c.close("out", out, 0, new double[] {NAN, NAN, 0, 0}, null);
    }

    private static void scaleCopyAddScalarFill(OpCheckContext c) {
        Shape shape = Shape.matrix(2, 2);
        Tensor x = c.tensor(shape, 1, -2, 0.5, 3);
        Tensor out = c.tensor(shape, OpData.filled(4, NAN));
        c.backend().scale(-4.0, x, out);
        c.exact("scale", out, -4, 8, -2, -12);
        c.backend().copy(x, out);
        c.exact("copy", out, 1, -2, 0.5, 3);
        c.backend().addScalar(x, 1.5, out);
        c.exact("addScalar", out, 2.5, -0.5, 2, 4.5);
        c.backend().fill(out, 0.1);
        double tenth = c.dtype().round(0.1);
        c.exact("fill 0.1", out, tenth, tenth, tenth, tenth);
        c.backend().fill(out, 0.0);
        c.exact("fill 0", out, 0, 0, 0, 0);
    }

    private static void addcdivByHand(OpCheckContext c) {
        Shape shape = Shape.vector(3);
        Tensor a = c.tensor(shape, 1, -2, 3);
        Tensor b = c.tensor(shape, 4, 0.5, -2);
        Tensor y = c.tensor(shape, 12, 19.5, 27);
        Tensor scratch = c.tensor(shape, OpData.filled(3, NAN));
        c.backend().addcdiv(-2.0, a, b, y, scratch);
        c.exact("y after addcdiv", y, 11.5, 27.5, 30);
    }

    private static void sumAndDotByHand(OpCheckContext c) {
        Tensor small = c.tensor(Shape.vector(4), 1, -2, 3.5, 0.25);
        Shape scalar = Shape.vector(1);
        c.exact("sum", scalar, new double[] {2.75}, new double[] {c.backend().sum(small)});
        Tensor other = c.tensor(Shape.vector(4), 2, 0.5, -1, 8);
        c.exact("dot", scalar, new double[] {2 - 1 - 3.5 + 2}, new double[] {c.backend().dot(small, other)});
    }

    private static void axpbyAgrees(OpCheckContext c, Shape shape) {
        DType dtype = c.dtype();
        double[] xv = OpData.random(16, shape.size(), dtype);
        double[] yv = OpData.random(17, shape.size(), dtype);
        Tensor y = c.tensor(shape, yv);
        c.backend().axpby(0.9, c.tensor(shape, xv), -0.3, y);
        double[] expected = new double[xv.length];
        double[] magnitude = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            expected[i] = dtype.round(0.9 * xv[i] - 0.3 * yv[i]);
            magnitude[i] = Math.abs(0.9 * xv[i]) + Math.abs(0.3 * yv[i]);
        }
        c.close("y", y, 4, expected, magnitude);
    }

    private static void sumAndDotAgree(OpCheckContext c, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(18, shape.size(), dtype);
        double[] bv = OpData.random(19, shape.size(), dtype);
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
        Tensor a = c.tensor(shape, av);
        Tensor b = c.tensor(shape, bv);
        // a float32 backend may accumulate in float32: n roundings of the running magnitude
        double ulps = 2.0 * (shape.size() + 2);
        Shape scalar = Shape.vector(1);
        c.close("sum", scalar, ulps, new double[] {sum}, new double[] {c.backend().sum(a)}, new double[] {sumMagnitude});
        c.close("dot", scalar, ulps, new double[] {dot}, new double[] {c.backend().dot(a, b)}, new double[] {dotMagnitude});
    }

    private static void addcdivAgrees(OpCheckContext c, Shape shape) {
        DType dtype = c.dtype();
        double[] av = OpData.random(20, shape.size(), dtype);
        double[] bv = OpData.positive(21, shape.size(), dtype);
        double[] yv = OpData.random(22, shape.size(), dtype);
        Tensor a = c.tensor(shape, av);
        Tensor b = c.tensor(shape, bv);
        Tensor y = c.tensor(shape, yv);
        c.backend().addcdiv(0.3, a, b, y, c.zeros(shape));
        double[] expected = new double[yv.length];
        double[] magnitude = new double[yv.length];
        for (int i = 0; i < yv.length; i++) {
            expected[i] = dtype.round(yv[i] + 0.3 * av[i] / bv[i]);
            magnitude[i] = Math.abs(yv[i]) + Math.abs(0.3 * av[i] / bv[i]);
        }
        c.close("y after addcdiv", y, 4, expected, magnitude);
    }
}
