package org.backprop4j.backend.vector;

import java.util.Arrays;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DTypeKernels} for float64, on {@code double[]} (which class is generated from which:
 * {@link DTypeKernels}). Loops run over vectors of {@link #SPECIES} with a scalar loop for the
 * last elements, which computes what the lanes compute. Piecewise-linear rules (ReLU, LeakyReLU,
 * identity) and the arithmetic ops run in lanes of the element type; the activations built on
 * {@code exp} or {@code tanh}, {@code EXP}, {@code LOG} and the sums are {@link InDouble}'s, which
 * says how each dtype computes them. A cast {@code (double)} rounds a scalar, given in 64 bits, to
 * the element type.
 */
final class Float64Kernels implements DTypeKernels {
    static final Float64Kernels INSTANCE = new Float64Kernels();

    /** The vector shape of the double loops: the JDK's preferred one on this CPU. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    // Vector constants are made in each method (zero, broadcast), never kept in static fields: on
    // JDK 17 a vector read from a field is an object, and every value it meets becomes one too (a
    // heap allocation per operation, 100x slower).

    private Float64Kernels() {
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public void copyIn(double[] src, VectorTensor dst) {
        double[] d = dst.doubles;
        for (int i = 0; i < d.length; i++) {
            d[i] = (double) src[i];
        }
    }

    @Override
    public void copyIn(float[] src, VectorTensor dst) {
        double[] d = dst.doubles;
        for (int i = 0; i < d.length; i++) {
            d[i] = src[i];
        }
    }

    @Override
    public void copyOut(VectorTensor src, double[] dst) {
        double[] s = src.doubles;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = s[i];
        }
    }

    @Override
    public void copyOut(VectorTensor src, float[] dst) {
        double[] s = src.doubles;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    // ---- rows and columns ------------------------------------------------------------------

    @Override
    public void addRowVector(VectorTensor a, VectorTensor v, VectorTensor out) {
        int cols = a.cols();
        for (int i = 0; i < a.rows(); i++) {
            add(a.doubles, i * cols, v.doubles, 0, out.doubles, i * cols, cols);
        }
    }

    /** {@code out = 0} (not {@code 0 * out}: NaN in it must not survive) or {@code beta out}, then every row added in order. */
    @Override
    public void columnSums(VectorTensor a, double beta, VectorTensor out) {
        double[] o = out.doubles;
        int cols = a.cols();
        if (beta == 0) {
            Arrays.fill(o, 0);
        } else if (beta != 1) {
            multiplyByScalar(o, 0, o.length, (double) beta, o);
        }
        for (int i = 0; i < a.rows(); i++) {
            add(a.doubles, i * cols, o, 0, o, 0, cols);
        }
    }

    @Override
    public void rowReduce(ReduceOp op, VectorTensor a, VectorTensor out) {
        double[] x = a.doubles;
        double[] o = out.doubles;
        int cols = a.cols();
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (op) { // a switch expression: a new ReduceOp fails to compile here
                case SUM -> (double) InDouble.sum(x, i * cols, cols);
                case MAX -> max(x, i * cols, cols);
            };
        }
    }

    /** {@code max_j x[from + j]} over {@code n > 0} elements, as {@code Math.max}: NaN if any is NaN. */
    private static double max(double[] x, int from, int n) {
        DoubleVector acc = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        int j = 0;
        for (int end = SPECIES.loopBound(n); j < end; j += L) {
            acc = acc.max(DoubleVector.fromArray(SPECIES, x, from + j));
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            m = Math.max(m, x[from + j]);
        }
        return m;
    }

    @Override
    public void rowBroadcast(BinaryOp op, VectorTensor a, VectorTensor v, VectorTensor out) {
        WithScalar loop = withScalar(op);
        int cols = a.cols();
        double[] s = v.doubles;
        for (int i = 0; i < s.length; i++) {
            loop.apply(a.doubles, i * cols, cols, s[i], out.doubles);
        }
    }

    // ---- elementwise: two operands -----------------------------------------------------------

    /** {@code out[oo + i] = a[ao + i] op b[bo + i]} for {@code i < n}. */
    @FunctionalInterface
    private interface Lanewise {
        void apply(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n);
    }

    @Override
    public void binary(BinaryOp op, VectorTensor a, VectorTensor b, VectorTensor out) {
        Lanewise loop = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Float64Kernels::add;
            case SUB -> Float64Kernels::subtract;
            case MUL -> Float64Kernels::multiply;
            case DIV -> Float64Kernels::divide;
            case MAX -> Float64Kernels::maximum;
            case MIN -> Float64Kernels::minimum;
        };
        loop.apply(a.doubles, 0, b.doubles, 0, out.doubles, 0, out.doubles.length);
    }

    private static void add(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).add(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    private static void subtract(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).sub(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] - b[bo + i];
        }
    }

    private static void multiply(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).mul(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    private static void divide(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).div(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] / b[bo + i];
        }
    }

    /** {@code Math.max}'s rule in every lane: NaN if either is NaN, and {@code +0.0} above {@code -0.0}. */
    private static void maximum(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).max(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Math.max(a[ao + i], b[bo + i]);
        }
    }

    /** {@code Math.min}'s rule in every lane: NaN if either is NaN, and {@code -0.0} below {@code +0.0}. */
    private static void minimum(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, ao + i).min(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Math.min(a[ao + i], b[bo + i]);
        }
    }

    // ---- elementwise: an array and a scalar --------------------------------------------------

    /** {@code out[from + i] = a[from + i] op s} for {@code i < n}. */
    @FunctionalInterface
    private interface WithScalar {
        void apply(double[] a, int from, int n, double s, double[] out);
    }

    private static WithScalar withScalar(BinaryOp op) {
        return switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Float64Kernels::addScalar;
            case SUB -> Float64Kernels::subtractScalar;
            case MUL -> Float64Kernels::multiplyByScalar;
            case DIV -> Float64Kernels::divideByScalar;
            case MAX -> Float64Kernels::maximumWithScalar;
            case MIN -> Float64Kernels::minimumWithScalar;
        };
    }

    private static void addScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).add(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] + s;
        }
    }

    private static void subtractScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).sub(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] - s;
        }
    }

    private static void multiplyByScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).mul(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] * s;
        }
    }

    private static void divideByScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).div(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] / s;
        }
    }

    private static void maximumWithScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).max(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = Math.max(a[i], s);
        }
    }

    private static void minimumWithScalar(double[] a, int from, int n, double s, double[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).min(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = Math.min(a[i], s);
        }
    }

    @Override
    public void addScalar(VectorTensor a, double s, VectorTensor out) {
        addScalar(a.doubles, 0, a.doubles.length, (double) s, out.doubles);
    }

    /** {@code beta == 0}: {@code y = alpha x} without reading {@code y}; else {@code fma(x, alpha, beta y)} ({@code y} itself when {@code beta == 1}). */
    @Override
    public void axpby(double alpha, VectorTensor xt, double beta, VectorTensor yt) {
        double[] x = xt.doubles;
        double[] y = yt.doubles;
        double al = (double) alpha;
        double be = (double) beta;
        if (be == 0) {
            multiplyByScalar(x, 0, x.length, al, y);
            return;
        }
        DoubleVector alphas = DoubleVector.broadcast(SPECIES, al);
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            DoubleVector old = DoubleVector.fromArray(SPECIES, y, i);
            DoubleVector.fromArray(SPECIES, x, i).fma(alphas, be == 1 ? old : old.mul(be)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.fma(x[i], al, be == 1 ? y[i] : y[i] * be);
        }
    }

    @Override
    public void fill(VectorTensor t, double value) {
        Arrays.fill(t.doubles, (double) value);
    }

    // ---- elementwise: one operand ------------------------------------------------------------

    /** {@code out[i] = op(a[i])} over the whole arrays. */
    @FunctionalInterface
    private interface Elementwise {
        void apply(double[] a, double[] out);
    }

    @Override
    public void unary(UnaryOp op, VectorTensor a, VectorTensor out) {
        Elementwise loop = switch (op) { // a switch expression: a new UnaryOp fails to compile here
            case SQRT -> Float64Kernels::sqrt;
            case SQUARE -> Float64Kernels::square;
            case EXP -> InDouble::exp;
            case LOG -> InDouble::log;
            case ABS -> Float64Kernels::abs;
            case SIGN -> Float64Kernels::sign;
        };
        loop.apply(a.doubles, out.doubles);
    }

    /** Correctly rounded in every lane, {@code -0.0} for {@code -0.0}. */
    private static void sqrt(double[] a, double[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.SQRT).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = (double) Math.sqrt(a[i]);
        }
    }

    private static void square(double[] a, double[] out) {
        multiply(a, 0, a, 0, out, 0, out.length);
    }

    private static void abs(double[] a, double[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, a, i).abs().intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = Math.abs(a[i]);
        }
    }

    /** {@code -1}, {@code +0.0} or {@code 1}; NaN stays NaN. */
    private static void sign(double[] a, double[] out) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        DoubleVector minusOne = DoubleVector.broadcast(SPECIES, -1);
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, a, i);
            zero.blend(one, v.compare(VectorOperators.GT, zero))
                    .blend(minusOne, v.compare(VectorOperators.LT, zero))
                    .blend(v, v.test(VectorOperators.IS_NAN))
                    .intoArray(out, i);
        }
        for (; i < out.length; i++) {
            double v = a[i];
            out[i] = v > 0 ? 1 : v < 0 ? -1 : v == v ? 0 : v; // v == v is false only for NaN
        }
    }

    // ---- activations ---------------------------------------------------------------------------

    /** {@code y = f(x)} over the whole arrays. */
    @FunctionalInterface
    private interface Forward {
        void apply(Activation f, double[] x, double[] y);
    }

    /** {@code dx = dy f'(x)} over the whole arrays, given {@code y = f(x)}. */
    @FunctionalInterface
    private interface Backward {
        void apply(Activation f, double[] x, double[] y, double[] dy, double[] dx);
    }

    @Override
    public void activation(Activation f, VectorTensor x, VectorTensor y) {
        Forward loop = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> Float64Kernels::identity;
            case RELU -> Float64Kernels::relu;
            case LEAKY_RELU -> Float64Kernels::leakyRelu;
            case SIGMOID -> (g, a, b) -> InDouble.forward(DoubleLanes::sigmoid, g, a, b);
            case TANH -> (g, a, b) -> InDouble.forward(DoubleLanes::tanh, g, a, b);
            case GELU -> (g, a, b) -> InDouble.forward(DoubleLanes::scalarForward, g, a, b);
            case GELU_TANH -> (g, a, b) -> InDouble.forward(DoubleLanes::geluTanh, g, a, b);
            case SILU -> (g, a, b) -> InDouble.forward(DoubleLanes::silu, g, a, b);
            case ELU -> (g, a, b) -> InDouble.forward(DoubleLanes::elu, g, a, b);
            case SOFTPLUS -> (g, a, b) -> InDouble.forward(DoubleLanes::softplus, g, a, b);
        };
        loop.apply(f, x.doubles, y.doubles);
    }

    @Override
    public void activationBackward(Activation f, VectorTensor x, VectorTensor y, VectorTensor dy, VectorTensor dx) {
        Backward loop = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> Float64Kernels::identityBackward;
            case RELU -> Float64Kernels::reluBackward;
            case LEAKY_RELU -> Float64Kernels::leakyReluBackward;
            case SIGMOID -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::sigmoidBackward, g, a, b, c, d);
            case TANH -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::tanhBackward, g, a, b, c, d);
            case GELU -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::scalarBackward, g, a, b, c, d);
            case GELU_TANH -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::geluTanhBackward, g, a, b, c, d);
            case SILU -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::siluBackward, g, a, b, c, d);
            case ELU -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::eluBackward, g, a, b, c, d);
            case SOFTPLUS -> (g, a, b, c, d) -> InDouble.backward(DoubleLanes::softplusBackward, g, a, b, c, d);
        };
        loop.apply(f, x.doubles, y.doubles, dy.doubles, dx.doubles);
    }

    private static void identity(Activation f, double[] x, double[] y) {
        if (x != y) {
            System.arraycopy(x, 0, y, 0, y.length);
        }
    }

    private static void identityBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx) {
        if (dy != dx) {
            System.arraycopy(dy, 0, dx, 0, dx.length);
        }
    }

    /** {@code x <= 0 ? +0.0 : x}: NaN is not {@code <= 0} and passes through, {@code -0.0} becomes {@code +0.0}. */
    private static void relu(Activation f, double[] x, double[] y) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.blend(zero, v.compare(VectorOperators.LE, zero)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] <= 0 ? 0 : x[i];
        }
    }

    /** {@code y <= 0 ? 0 : dy}: a NaN output passes {@code dy}, as PyTorch's {@code threshold_backward}. */
    private static void reluBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(dx.length); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, dy, i).blend(zero, DoubleVector.fromArray(SPECIES, y, i).compare(VectorOperators.LE, zero))
                    .intoArray(dx, i);
        }
        for (; i < dx.length; i++) {
            dx[i] = y[i] <= 0 ? 0 : dy[i];
        }
    }

    /** {@code x > 0 ? x : s x}, the slope rounded to the dtype as PyTorch's kernel does. */
    private static void leakyRelu(Activation f, double[] x, double[] y) {
        double s = (double) f.negativeSlope();
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.mul(s).blend(v, v.compare(VectorOperators.GT, zero)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : x[i] * s;
        }
    }

    /** {@code x > 0 ? dy : s dy}. */
    private static void leakyReluBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx) {
        double s = (double) f.negativeSlope();
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(dx.length); i < end; i += L) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, dy, i);
            d.mul(s).blend(d, DoubleVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, zero)).intoArray(dx, i);
        }
        for (; i < dx.length; i++) {
            dx[i] = x[i] > 0 ? dy[i] : dy[i] * s;
        }
    }

    // ---- reductions --------------------------------------------------------------------------

    @Override
    public double sum(VectorTensor a) {
        return InDouble.sum(a.doubles, 0, a.doubles.length);
    }

    @Override
    public double dot(VectorTensor a, VectorTensor b) {
        return InDouble.dot(a.doubles, b.doubles);
    }
}
