package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * The op contract's checks of {@code activation} and {@code activationBackward}, for every kind
 * of {@link Activation} (the parameterised ones with their default and another parameter): at
 * hand-picked points computed from the formulas ({@link ActivationRules}), among them
 * {@code ±0}, the saturated range ({@code ±30}), GELU's tails, ELU near 0 (where
 * {@code exp(x) - 1} would cancel) and both sides of Softplus's threshold; at the kinks; at NaN
 * and the infinities; and against the naive reference on random data.
 */
final class ActivationChecks {
    /** The activations checked: every kind, LeakyReLU, ELU and Softplus also with a parameter other than the default. */
    static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.25),
            Activation.SIGMOID, Activation.TANH, Activation.GELU, Activation.GELU_TANH, Activation.SILU, Activation.ELU,
            Activation.elu(0.5), Activation.SOFTPLUS, Activation.softplus(2, 5));

    /**
     * The hand-picked points: the kink at {@code ±0}, {@code ±0.5} and {@code ±2}, saturation at
     * {@code ±5} and {@code ±30}, {@code ±1e-5} (ELU's {@code expm1}), and 2.5, 2.6, 19.9, 20, 20.5
     * on both sides of the thresholds of {@code softplus(2, 5)} and {@code softplus(1, 20)}.
     */
    private static final double[] POINTS = {-2, -0.5, 0, 0.5, 2, -0.0, -30, 30, -5, 5, -1e-5, 1e-5, 2.5, 2.6, 19.9,
        20, 20.5};

    private ActivationChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            for (Activation f : ACTIVATIONS) {
                String forward = "activation(" + f + ")";
                String backward = "activationBackward(" + f + ")";
                String points = "[" + POINTS.length + "] at +-0, +-0.5, +-2, +-5, +-30, +-1e-5, 2.5, 2.6, 19.9, 20, 20.5";
                checks.add(new OpCheck(name(forward, dtype, points), forward, dtype, c -> forwardByHand(c, f)));
                checks.add(new OpCheck(name(backward, dtype, points), backward, dtype, c -> backwardByHand(c, f)));
                checks.add(new OpCheck(name(backward, dtype, "[2] at exactly 0 and -0"), backward, dtype,
                        c -> atTheKink(c, f)));
                checks.add(new OpCheck(name(forward + " and backward", dtype, "[3] at NaN, Infinity, -Infinity; dy = NaN"),
                        forward, dtype, c -> specialValues(c, f)));
                checks.add(new OpCheck(name(forward + " and backward vs naive", dtype, "[8, 7]"), forward, dtype,
                        c -> agrees(c, f)));
            }
        }
    }

    /** The rounding allowance of {@code f} in {@code dtype}. */
    static double ulps(Activation f, DType dtype) {
        return ActivationRules.piecewiseLinear(f) ? OpAssertions.ELEMENTWISE_ULPS : OpAssertions.transcendentalUlps(dtype);
    }

    /** The magnitude of the terms of {@code f(x)}: {@code |x|} where {@code 1 + erf} or {@code 1 + tanh} cancels, else 0. */
    private static double[] forwardScale(Activation f, double[] x) {
        return ActivationRules.cancelsForNegativeX(f) ? OpData.abs(x) : null;
    }

    private static void forwardByHand(OpCheckContext c, Activation f) {
        DType dtype = c.dtype();
        double[] x = OpData.rounded(dtype, POINTS);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = dtype.round(ActivationRules.forward(f, x[i]));
        }
        Tensor y = c.tensor(Shape.vector(x.length), OpData.filled(x.length, Double.NaN));
        c.backend().activation(f, c.tensor(y.shape(), x), y);
        c.close("y", y, ulps(f, dtype), expected, forwardScale(f, x));
    }

    private static void backwardByHand(OpCheckContext c, Activation f) {
        DType dtype = c.dtype();
        double[] x = OpData.rounded(dtype, POINTS);
        double[] y = new double[x.length];
        double[] dy = new double[x.length];
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = dtype.round(ActivationRules.forward(f, x[i])); // the forward output, as the backend stores it
            dy[i] = i % 5 - 1.5;
            expected[i] = dtype.round(ActivationRules.backward(f, x[i], y[i], dy[i]));
        }
        Shape shape = Shape.vector(x.length);
        Tensor dx = c.tensor(shape, OpData.filled(x.length, Double.NaN));
        c.backend().activationBackward(f, c.tensor(shape, x), c.tensor(shape, y), c.tensor(shape, dy), dx);
        // 1 - y^2 and Phi + x phi cancel: allow rounding of the terms, |dy| times a derivative of order 1
        c.close("dx", dx, ulps(f, dtype), expected, OpData.abs(dy));
    }

    /**
     * The derivative at exactly 0 and -0, as PyTorch defines it where the function has a kink:
     * ReLU 0, LeakyReLU its slope, ELU its alpha; and the smooth ones' (1/4, 1, 1/2) exactly.
     */
    private static void atTheKink(OpCheckContext c, Activation f) {
        DType dtype = c.dtype();
        Shape shape = Shape.vector(2);
        double[] x = {0.0, -0.0};
        double[] dy = {3, -5};
        double[] y = new double[2];
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            y[i] = dtype.round(ActivationRules.forward(f, x[i]));
            expected[i] = dtype.round(ActivationRules.backward(f, x[i], y[i], dy[i]));
        }
        Tensor dx = c.zeros(shape);
        c.backend().activationBackward(f, c.tensor(shape, x), c.tensor(shape, y), c.tensor(shape, dy), dx);
        // 2 units of roundoff: a float32 kernel may multiply by the slope rounded to float (-5 * 0.01f
        // is -0.049999997), a double one by the exact slope; ReLU's 0 must still be 0
        c.close("dx at 0", dx, 2, expected, null);
    }

    private static void specialValues(OpCheckContext c, Activation f) {
        DType dtype = c.dtype();
        double[] table = OpData.rounded(dtype, ActivationRules.atSpecialValues(f));
        Shape shape = Shape.vector(3);
        Tensor x = c.tensor(shape, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Tensor y = c.zeros(shape);
        c.backend().activation(f, x, y);
        c.close("y at NaN, Infinity, -Infinity", y, 0, new double[] {table[0], table[1], table[2]}, null);
        Tensor given = c.tensor(shape, table[0], table[1], table[2]); // PyTorch's outputs, for the rules that read y
        Tensor dx = c.zeros(shape);
        c.backend().activationBackward(f, x, given, c.tensor(shape, 1, 1, 1), dx);
        c.close("dx at NaN, Infinity, -Infinity with dy = 1", dx, 0, new double[] {table[3], table[4], table[5]}, null);

        // every derivative is non-zero at x = 1, so dy = NaN must give NaN
        Tensor one = c.tensor(Shape.vector(1), 1);
        Tensor yOne = c.tensor(Shape.vector(1), dtype.round(ActivationRules.forward(f, 1)));
        Tensor dxOne = c.zeros(Shape.vector(1));
        c.backend().activationBackward(f, one, yOne, c.tensor(Shape.vector(1), Double.NaN), dxOne);
        c.exact("dx at 1 with dy = NaN", dxOne, Double.NaN);
    }

    private static void agrees(OpCheckContext c, Activation f) {
        DType dtype = c.dtype();
        Shape shape = Shape.matrix(8, 7);
        double[] xv = OpData.wide(14, shape.size(), dtype);
        double[] dyv = OpData.random(15, shape.size(), dtype);
        Tensor x = c.tensor(shape, xv);
        Tensor y = c.zeros(shape);
        Tensor dx = c.zeros(shape);
        c.backend().activation(f, x, y);
        c.backend().activationBackward(f, x, y, c.tensor(shape, dyv), dx);

        Tensor rx = c.referenceTensor(shape, xv);
        Tensor ry = c.reference().zeros(dtype, shape);
        Tensor rdx = c.reference().zeros(dtype, shape);
        c.reference().activation(f, rx, ry);
        // backward from the backend's own y, so a rounding difference in y does not show twice
        c.reference().activationBackward(f, rx, c.reference().transfer(y), c.referenceTensor(shape, dyv), rdx);
        double ulps = ulps(f, dtype);
        c.close("y", y, ulps, c.readReference(ry), forwardScale(f, xv));
        c.close("dx", dx, ulps, c.readReference(rdx), OpData.abs(dyv));
    }
}
