package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Beyond the shared contract: the kernels written out for speed (ReLU as {@code Math.max}, the
 * ReLU and LeakyReLU masks, sigmoid and tanh backward, SIGN, row maxima and sums, the row
 * broadcasts) and EJML's own ({@code elementExp}, {@code elementLog}, {@code abs},
 * {@code multRows}, {@code divideRows}, {@code sumRows}) give what the API's reference rules
 * give, bit for bit, at zeros of both signs, NaN, infinities, subnormals and the largest values.
 * In float32 the written-out LeakyReLU, sigmoid and tanh rules compute in float, as PyTorch's
 * float32 kernels do: there the expected value is the same rule in float arithmetic.
 */
class EjmlKernelsTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] VALUES = {0.0, -0.0, NAN, INF, -INF, 0.25, 0.999, 1, -1, 1e-30, 3e38, -0.7};
    private static final double[] GRADS = {7, -7, 2, NAN, INF, 0.25, -0.0, 5, 6, -8, 1e-3, 3};

    private final Backend backend = Backend.wrap(new EjmlBackendProvider());

    private double[] stored(DType dtype, double[] values) {
        return backend.toDoubleArray(backend.fromArray(dtype, Shape.vector(values.length), values));
    }

    @ParameterizedTest(name = "activations forward and backward equal the reference rules bit for bit ({0})")
    @EnumSource(DType.class)
    void activationsAreTheReferenceRules(DType dtype) {
        Shape shape = Shape.vector(VALUES.length);
        double[] x = stored(dtype, VALUES);
        double[] g = stored(dtype, GRADS);
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.01),
            Activation.SIGMOID, Activation.TANH, Activation.elu(0.5)}) {
            Tensor y = backend.zeros(dtype, shape);
            Tensor dx = backend.zeros(dtype, shape);
            backend.activation(f, backend.fromArray(dtype, shape, x), y);
            // x as the output too, so every kind of value reaches each backward rule
            backend.activationBackward(f, backend.fromArray(dtype, shape, x), backend.fromArray(dtype, shape, x),
                    backend.fromArray(dtype, shape, g), dx);
            double[] forward = new double[x.length];
            double[] backward = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                forward[i] = dtype == DType.FLOAT32 ? inFloat(f, x[i], true, 0) : f.forward(x[i]);
                backward[i] = dtype == DType.FLOAT32 ? inFloat(f, x[i], false, g[i]) : f.backward(x[i], x[i], g[i]);
                forward[i] = dtype.round(forward[i]);
                backward[i] = dtype.round(backward[i]);
            }
            // containsExactly compares with Double.equals: +0.0 and -0.0 differ, NaN equals NaN
            assertThat(backend.toDoubleArray(y)).as("%s forward", f).containsExactly(forward);
            assertThat(backend.toDoubleArray(dx)).as("%s backward", f).containsExactly(backward);
        }
    }

    /**
     * The float32 kernels' rule for {@code f} at {@code x} (with {@code y = x}, as the test passes
     * it): the written-out ones in float arithmetic, the others the reference rule in double.
     */
    private static double inFloat(Activation f, double x, boolean forward, double dy) {
        float v = (float) x;
        float g = (float) dy;
        return switch (f.kind()) {
            case LEAKY_RELU -> forward ? (v > 0 ? v : v * (float) f.negativeSlope())
                    : (v > 0 ? g : g * (float) f.negativeSlope());
            case SIGMOID -> forward ? f.forward(x) : g * (1 - v) * v;
            case TANH -> forward ? f.forward(x) : g * (1 - v * v);
            case IDENTITY, RELU, GELU, GELU_TANH, SILU, ELU, SOFTPLUS -> forward ? f.forward(x) : f.backward(x, x, dy);
        };
    }

    @ParameterizedTest(name = "unary ops equal the reference rules bit for bit ({0})")
    @EnumSource(DType.class)
    void unaryOpsAreTheReferenceRules(DType dtype) {
        double[] a = stored(dtype, VALUES);
        for (UnaryOp op : UnaryOp.values()) {
            Tensor out = backend.zeros(dtype, Shape.vector(a.length));
            backend.unary(op, backend.fromArray(dtype, out.shape(), a), out);
            double[] expected = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                expected[i] = dtype.round(op.apply(a[i]));
            }
            assertThat(backend.toDoubleArray(out)).as("%s", op).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "row reductions and broadcasts equal the reference rules bit for bit, in place and not ({0})")
    @EnumSource(DType.class)
    void rowOpsAreTheReferenceRules(DType dtype) {
        Shape shape = Shape.matrix(4, 3);
        double[] a = stored(dtype, VALUES);
        double[] v = stored(dtype, new double[] {2, -0.0, NAN, 0.3});
        for (ReduceOp op : ReduceOp.values()) {
            Tensor out = backend.zeros(dtype, Shape.vector(4));
            backend.rowReduce(op, backend.fromArray(dtype, shape, a), out);
            double[] expected = new double[4];
            for (int i = 0; i < 4; i++) {
                double acc = op.identity();
                for (int j = 0; j < 3; j++) {
                    acc = op.apply(acc, a[3 * i + j]);
                }
                expected[i] = dtype.round(acc);
            }
            assertThat(backend.toDoubleArray(out)).as("%s", op).containsExactly(expected);
            // a vector is a 1 x n matrix for its whole life; EJML's sumRows reshapes it to n x 1
            assertThat(((EjmlTensor) out).matrix.getNumRows()).as("rows of the %s matrix", op).isEqualTo(1);
        }
        for (BinaryOp op : BinaryOp.values()) {
            double[] expected = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                expected[i] = dtype.round(op.apply(a[i], v[i / 3]));
            }
            Tensor out = backend.zeros(dtype, shape);
            Tensor rows = backend.fromArray(dtype, Shape.vector(4), v);
            backend.rowBroadcast(op, backend.fromArray(dtype, shape, a), rows, out);
            assertThat(backend.toDoubleArray(out)).as("rowBroadcast(%s)", op).containsExactly(expected);
            Tensor inPlace = backend.fromArray(dtype, shape, a);
            backend.rowBroadcast(op, inPlace, rows, inPlace);
            assertThat(backend.toDoubleArray(inPlace)).as("rowBroadcast(%s) in place", op).containsExactly(expected);
        }
    }
}
