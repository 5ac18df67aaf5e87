// Generated from src/template/Kernels.java.template (see its first lines): edit the template, not this file.
package org.backprop4j.backend.vector;

import java.util.Arrays;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DTypeKernels} for float32, on {@code float[]}. Loops run over vectors of
 * {@link #SPECIES} with a scalar loop for the last elements; the scalar loop computes what the
 * vector lanes compute. Piecewise-linear rules (ReLU, LeakyReLU, identity) and the arithmetic
 * ops run in float lanes. The activations built on {@code exp} or {@code tanh}, {@code EXP} and
 * {@code LOG}, and the sums of {@code sum}, {@code dot} and {@code rowReduce} are computed in
 * double lanes (the float32 elements widened exactly) and rounded to float once, as the reference
 * computes them: float lanes of the JDK's vector {@code exp} and {@code tanh} are up to 2 ulps
 * off, which the rules would compound. Exact GELU has no vector {@code erf} and runs the scalar
 * reference rule, {@link Activation#forward}/{@link Activation#backward}.
 */
final class Float32Kernels implements DTypeKernels {
    static final Float32Kernels INSTANCE = new Float32Kernels();

    /** The vector shape of the float loops: the JDK's preferred one on this CPU. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONES = FloatVector.broadcast(SPECIES, 1);
    private static final FloatVector MINUS_ONES = FloatVector.broadcast(SPECIES, -1);

    /** The double lanes of the transcendental rules. */
    private static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;
    private static final int WL = WIDE.length();
    private static final DoubleVector WIDE_ONES = DoubleVector.broadcast(WIDE, 1);
    /** As many float lanes as {@link #WIDE} has double lanes: the floats one double vector holds. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(WIDE.vectorBitSize() / 2));

    // The constants of Activation's rules, computed as it computes them.
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private Float32Kernels() {
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public void copyIn(double[] src, VectorTensor dst) {
        float[] d = dst.floats;
        for (int i = 0; i < src.length; i++) {
            d[i] = (float) src[i];
        }
    }

    @Override
    public void copyIn(float[] src, VectorTensor dst) {
        System.arraycopy(src, 0, dst.floats, 0, src.length);
    }

    @Override
    public void copyOut(VectorTensor src, double[] dst) {
        float[] s = src.floats;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = s[i];
        }
    }

    @Override
    public void copyOut(VectorTensor src, float[] dst) {
        System.arraycopy(src.floats, 0, dst, 0, dst.length);
    }

    /** The {@code WL} floats of {@code x} from {@code i}, widened exactly. */
    private static DoubleVector wide(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(HALF, x, i).convertShape(VectorOperators.F2D, WIDE, 0);
    }

    /** Stores {@code v}, rounded to float, into {@code y} from {@code i}. */
    private static void narrow(DoubleVector v, float[] y, int i) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, HALF, 0)).intoArray(y, i);
    }

    // ---- rows and columns ------------------------------------------------------------------

    @Override
    public void addRowVector(VectorTensor a, VectorTensor v, VectorTensor out) {
        int cols = a.cols();
        for (int i = 0; i < a.rows(); i++) {
            add(a.floats, i * cols, v.floats, 0, out.floats, i * cols, cols);
        }
    }

    /** {@code out = 0} (not {@code 0 * out}: NaN in it must not survive) or {@code beta out}, then every row added in order. */
    @Override
    public void columnSums(VectorTensor a, double beta, VectorTensor out) {
        float[] o = out.floats;
        int cols = a.cols();
        if (beta == 0) {
            Arrays.fill(o, 0);
        } else if (beta != 1) {
            multiplyByScalar(o, 0, o.length, (float) beta, o);
        }
        for (int i = 0; i < a.rows(); i++) {
            add(a.floats, i * cols, o, 0, o, 0, cols);
        }
    }

    @Override
    public void rowReduce(ReduceOp op, VectorTensor a, VectorTensor out) {
        float[] x = a.floats;
        float[] o = out.floats;
        int cols = a.cols();
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (op) { // a switch expression: a new ReduceOp fails to compile here
                case SUM -> (float) sum(x, i * cols, cols);
                case MAX -> max(x, i * cols, cols);
            };
        }
    }

    /** {@code max_j x[from + j]} over {@code n > 0} elements, as {@code Math.max}: NaN if any is NaN. */
    private static float max(float[] x, int from, int n) {
        FloatVector acc = FloatVector.broadcast(SPECIES, (float) Double.NEGATIVE_INFINITY);
        int j = 0;
        for (int end = SPECIES.loopBound(n); j < end; j += L) {
            acc = acc.max(FloatVector.fromArray(SPECIES, x, from + j));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            m = Math.max(m, x[from + j]);
        }
        return m;
    }

    @Override
    public void rowBroadcast(BinaryOp op, VectorTensor a, VectorTensor v, VectorTensor out) {
        WithScalar loop = withScalar(op);
        int cols = a.cols();
        float[] s = v.floats;
        for (int i = 0; i < s.length; i++) {
            loop.apply(a.floats, i * cols, cols, s[i], out.floats);
        }
    }

    // ---- elementwise: two operands -----------------------------------------------------------

    /** {@code out[oo + i] = a[ao + i] op b[bo + i]} for {@code i < n}. */
    @FunctionalInterface
    private interface Lanewise {
        void apply(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
    }

    @Override
    public void binary(BinaryOp op, VectorTensor a, VectorTensor b, VectorTensor out) {
        Lanewise loop = switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Float32Kernels::add;
            case SUB -> Float32Kernels::subtract;
            case MUL -> Float32Kernels::multiply;
            case DIV -> Float32Kernels::divide;
            case MAX -> Float32Kernels::maximum;
            case MIN -> Float32Kernels::minimum;
        };
        loop.apply(a.floats, 0, b.floats, 0, out.floats, 0, out.floats.length);
    }

    private static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).add(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    private static void subtract(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).sub(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] - b[bo + i];
        }
    }

    private static void multiply(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).mul(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    private static void divide(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).div(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] / b[bo + i];
        }
    }

    /** {@code Math.max}'s rule in every lane: NaN if either is NaN, and {@code +0.0} above {@code -0.0}. */
    private static void maximum(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).max(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Math.max(a[ao + i], b[bo + i]);
        }
    }

    /** {@code Math.min}'s rule in every lane: NaN if either is NaN, and {@code -0.0} below {@code +0.0}. */
    private static void minimum(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, ao + i).min(FloatVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Math.min(a[ao + i], b[bo + i]);
        }
    }

    // ---- elementwise: an array and a scalar --------------------------------------------------

    /** {@code out[from + i] = a[from + i] op s} for {@code i < n}. */
    @FunctionalInterface
    private interface WithScalar {
        void apply(float[] a, int from, int n, float s, float[] out);
    }

    private static WithScalar withScalar(BinaryOp op) {
        return switch (op) { // a switch expression: a new BinaryOp fails to compile here
            case ADD -> Float32Kernels::addScalar;
            case SUB -> Float32Kernels::subtractScalar;
            case MUL -> Float32Kernels::multiplyByScalar;
            case DIV -> Float32Kernels::divideByScalar;
            case MAX -> Float32Kernels::maximumWithScalar;
            case MIN -> Float32Kernels::minimumWithScalar;
        };
    }

    private static void addScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).add(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] + s;
        }
    }

    private static void subtractScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).sub(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] - s;
        }
    }

    private static void multiplyByScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).mul(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] * s;
        }
    }

    private static void divideByScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).div(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = a[i] / s;
        }
    }

    private static void maximumWithScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).max(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = Math.max(a[i], s);
        }
    }

    private static void minimumWithScalar(float[] a, int from, int n, float s, float[] out) {
        int i = from;
        int last = from + n;
        for (int end = from + SPECIES.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).min(s).intoArray(out, i);
        }
        for (; i < last; i++) {
            out[i] = Math.min(a[i], s);
        }
    }

    @Override
    public void addScalar(VectorTensor a, double s, VectorTensor out) {
        addScalar(a.floats, 0, a.floats.length, (float) s, out.floats);
    }

    /** {@code beta == 0}: {@code y = alpha x} without reading {@code y}; else {@code fma(x, alpha, beta y)} ({@code y} itself when {@code beta == 1}). */
    @Override
    public void axpby(double alpha, VectorTensor xt, double beta, VectorTensor yt) {
        float[] x = xt.floats;
        float[] y = yt.floats;
        float al = (float) alpha;
        float be = (float) beta;
        if (be == 0) {
            multiplyByScalar(x, 0, x.length, al, y);
            return;
        }
        FloatVector alphas = FloatVector.broadcast(SPECIES, al);
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            FloatVector old = FloatVector.fromArray(SPECIES, y, i);
            FloatVector.fromArray(SPECIES, x, i).fma(alphas, be == 1 ? old : old.mul(be)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.fma(x[i], al, be == 1 ? y[i] : y[i] * be);
        }
    }

    @Override
    public void fill(VectorTensor t, double value) {
        Arrays.fill(t.floats, (float) value);
    }

    // ---- elementwise: one operand ------------------------------------------------------------

    /** {@code out[i] = op(a[i])} over the whole arrays. */
    @FunctionalInterface
    private interface Elementwise {
        void apply(float[] a, float[] out);
    }

    @Override
    public void unary(UnaryOp op, VectorTensor a, VectorTensor out) {
        Elementwise loop = switch (op) { // a switch expression: a new UnaryOp fails to compile here
            case SQRT -> Float32Kernels::sqrt;
            case SQUARE -> Float32Kernels::square;
            case EXP -> Float32Kernels::exp;
            case LOG -> Float32Kernels::log;
            case ABS -> Float32Kernels::abs;
            case SIGN -> Float32Kernels::sign;
        };
        loop.apply(a.floats, out.floats);
    }

    /** Correctly rounded in every lane, {@code -0.0} for {@code -0.0}. */
    private static void sqrt(float[] a, float[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.SQRT).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = (float) Math.sqrt(a[i]);
        }
    }

    private static void square(float[] a, float[] out) {
        multiply(a, 0, a, 0, out, 0, out.length);
    }

    /** In double lanes, rounded once. */
    private static void exp(float[] a, float[] out) {
        int i = 0;
        for (int end = WIDE.loopBound(out.length); i < end; i += WL) {
            narrow(wide(a, i).lanewise(VectorOperators.EXP), out, i);
        }
        for (; i < out.length; i++) {
            out[i] = (float) Math.exp(a[i]);
        }
    }

    /** In double lanes, rounded once. */
    private static void log(float[] a, float[] out) {
        int i = 0;
        for (int end = WIDE.loopBound(out.length); i < end; i += WL) {
            narrow(wide(a, i).lanewise(VectorOperators.LOG), out, i);
        }
        for (; i < out.length; i++) {
            out[i] = (float) Math.log(a[i]);
        }
    }

    private static void abs(float[] a, float[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            FloatVector.fromArray(SPECIES, a, i).abs().intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = Math.abs(a[i]);
        }
    }

    /** {@code -1}, {@code +0.0} or {@code 1}; NaN stays NaN. */
    private static void sign(float[] a, float[] out) {
        int i = 0;
        for (int end = SPECIES.loopBound(out.length); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, i);
            ZERO.blend(ONES, v.compare(VectorOperators.GT, ZERO))
                    .blend(MINUS_ONES, v.compare(VectorOperators.LT, ZERO))
                    .blend(v, v.test(VectorOperators.IS_NAN))
                    .intoArray(out, i);
        }
        for (; i < out.length; i++) {
            float v = a[i];
            out[i] = v > 0 ? 1 : v < 0 ? -1 : v == v ? 0 : v; // v == v is false only for NaN
        }
    }

    // ---- activations ---------------------------------------------------------------------------

    /** {@code y = f(x)} over the whole arrays. */
    @FunctionalInterface
    private interface Forward {
        void apply(Activation f, float[] x, float[] y);
    }

    /** {@code dx = dy f'(x)} over the whole arrays, given {@code y = f(x)}. */
    @FunctionalInterface
    private interface Backward {
        void apply(Activation f, float[] x, float[] y, float[] dy, float[] dx);
    }

    @Override
    public void activation(Activation f, VectorTensor x, VectorTensor y) {
        Forward loop = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> Float32Kernels::identity;
            case RELU -> Float32Kernels::relu;
            case LEAKY_RELU -> Float32Kernels::leakyRelu;
            case SIGMOID -> Float32Kernels::sigmoid;
            case TANH -> Float32Kernels::tanh;
            case GELU -> Float32Kernels::scalarForward;
            case GELU_TANH -> Float32Kernels::geluTanh;
            case SILU -> Float32Kernels::silu;
            case ELU -> Float32Kernels::elu;
            case SOFTPLUS -> Float32Kernels::softplus;
        };
        loop.apply(f, x.floats, y.floats);
    }

    @Override
    public void activationBackward(Activation f, VectorTensor x, VectorTensor y, VectorTensor dy, VectorTensor dx) {
        Backward loop = switch (f.kind()) { // a switch expression: a new kind fails to compile here
            case IDENTITY -> Float32Kernels::identityBackward;
            case RELU -> Float32Kernels::reluBackward;
            case LEAKY_RELU -> Float32Kernels::leakyReluBackward;
            case SIGMOID -> Float32Kernels::sigmoidBackward;
            case TANH -> Float32Kernels::tanhBackward;
            case GELU -> Float32Kernels::scalarBackward;
            case GELU_TANH -> Float32Kernels::geluTanhBackward;
            case SILU -> Float32Kernels::siluBackward;
            case ELU -> Float32Kernels::eluBackward;
            case SOFTPLUS -> Float32Kernels::softplusBackward;
        };
        loop.apply(f, x.floats, y.floats, dy.floats, dx.floats);
    }

    /** The reference rule element by element, rounded once: for exact GELU, which has no vector {@code erf}. */
    private static void scalarForward(Activation f, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) f.forward(x[i]);
        }
    }

    /** The reference rule element by element, rounded once. */
    private static void scalarBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < dx.length; i++) {
            dx[i] = (float) f.backward(x[i], y[i], dy[i]);
        }
    }

    private static void identity(Activation f, float[] x, float[] y) {
        if (x != y) {
            System.arraycopy(x, 0, y, 0, y.length);
        }
    }

    private static void identityBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        if (dy != dx) {
            System.arraycopy(dy, 0, dx, 0, dx.length);
        }
    }

    /** {@code x <= 0 ? +0.0 : x}: NaN is not {@code <= 0} and passes through, {@code -0.0} becomes {@code +0.0}. */
    private static void relu(Activation f, float[] x, float[] y) {
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.blend(ZERO, v.compare(VectorOperators.LE, ZERO)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] <= 0 ? 0 : x[i];
        }
    }

    /** {@code y <= 0 ? 0 : dy}: a NaN output passes {@code dy}, as PyTorch's {@code threshold_backward}. */
    private static void reluBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        int i = 0;
        for (int end = SPECIES.loopBound(dx.length); i < end; i += L) {
            FloatVector.fromArray(SPECIES, dy, i).blend(ZERO, FloatVector.fromArray(SPECIES, y, i).compare(VectorOperators.LE, ZERO))
                    .intoArray(dx, i);
        }
        for (; i < dx.length; i++) {
            dx[i] = y[i] <= 0 ? 0 : dy[i];
        }
    }

    /** {@code x > 0 ? x : s x}, the slope rounded to the dtype as PyTorch's kernel does. */
    private static void leakyRelu(Activation f, float[] x, float[] y) {
        float s = (float) f.negativeSlope();
        int i = 0;
        for (int end = SPECIES.loopBound(y.length); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.mul(s).blend(v, v.compare(VectorOperators.GT, ZERO)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : x[i] * s;
        }
    }

    /** {@code x > 0 ? dy : s dy}. */
    private static void leakyReluBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        float s = (float) f.negativeSlope();
        int i = 0;
        for (int end = SPECIES.loopBound(dx.length); i < end; i += L) {
            FloatVector d = FloatVector.fromArray(SPECIES, dy, i);
            d.mul(s).blend(d, FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, ZERO)).intoArray(dx, i);
        }
        for (; i < dx.length; i++) {
            dx[i] = x[i] > 0 ? dy[i] : dy[i] * s;
        }
    }

    // The rules below run in double lanes (see the class comment) and finish with the reference
    // rule for the elements after the last whole vector.

    /** {@code 1 / (1 + exp(-x))}. */
    private static void sigmoid(Activation f, float[] x, float[] y) {
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            narrow(WIDE_ONES.div(WIDE_ONES.add(wide(x, i).neg().lanewise(VectorOperators.EXP))), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code dy (1 - y) y}. */
    private static void sigmoidBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector out = wide(y, i);
            narrow(wide(dy, i).mul(WIDE_ONES.sub(out)).mul(out), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    private static void tanh(Activation f, float[] x, float[] y) {
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            narrow(wide(x, i).lanewise(VectorOperators.TANH), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code dy (1 - y^2)}. */
    private static void tanhBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector out = wide(y, i);
            narrow(wide(dy, i).mul(WIDE_ONES.sub(out.mul(out))), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    /** {@code sqrt(2/pi) (x + 0.044715 x^3)}, the argument of GELU's tanh. */
    private static DoubleVector geluTanhArgument(DoubleVector v) {
        return v.mul(GELU_CUBIC).mul(v).mul(v).add(v).mul(SQRT_2_OVER_PI);
    }

    /** {@code x (1 + tanh(u)) / 2}. */
    private static void geluTanh(Activation f, float[] x, float[] y) {
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            narrow(v.mul(0.5).mul(WIDE_ONES.add(geluTanhArgument(v).lanewise(VectorOperators.TANH))), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code dy ((1 + t) / 2 + x (1 - t^2) / 2 * sqrt(2/pi) (1 + 3 * 0.044715 x^2))}, {@code t = tanh(u)}. */
    private static void geluTanhBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            DoubleVector t = geluTanhArgument(v).lanewise(VectorOperators.TANH);
            DoubleVector slope = v.mul(3 * GELU_CUBIC).mul(v).add(1).mul(SQRT_2_OVER_PI);
            DoubleVector derivative = t.add(1).mul(0.5).add(v.mul(0.5).mul(WIDE_ONES.sub(t.mul(t))).mul(slope));
            narrow(wide(dy, i).mul(derivative), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    /** {@code x / (1 + exp(-x))}. */
    private static void silu(Activation f, float[] x, float[] y) {
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            narrow(v.div(WIDE_ONES.add(v.neg().lanewise(VectorOperators.EXP))), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code dy s (1 + x (1 - s))}, {@code s = 1 / (1 + exp(-x))}. */
    private static void siluBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            DoubleVector s = WIDE_ONES.div(WIDE_ONES.add(v.neg().lanewise(VectorOperators.EXP)));
            narrow(wide(dy, i).mul(s).mul(WIDE_ONES.add(v.mul(WIDE_ONES.sub(s)))), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    /** {@code x <= 0 ? a expm1(x) : x}; NaN is not {@code <= 0} and passes through. */
    private static void elu(Activation f, float[] x, float[] y) {
        double alpha = f.alpha();
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            narrow(v.blend(v.lanewise(VectorOperators.EXPM1).mul(alpha), v.compare(VectorOperators.LE, 0.0)), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code x <= 0 ? dy a exp(x) : dy}. */
    private static void eluBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        double alpha = f.alpha();
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            DoubleVector d = wide(dy, i);
            narrow(d.blend(d.mul(alpha).mul(v.lanewise(VectorOperators.EXP)), v.compare(VectorOperators.LE, 0.0)), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    /** {@code b x > t ? x : log(1 + exp(b x)) / b}. */
    private static void softplus(Activation f, float[] x, float[] y) {
        double beta = f.beta();
        double threshold = f.threshold();
        int i = 0;
        for (int end = WIDE.loopBound(y.length); i < end; i += WL) {
            DoubleVector v = wide(x, i);
            DoubleVector scaled = v.mul(beta);
            DoubleVector soft = scaled.lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P).div(beta);
            narrow(soft.blend(v, scaled.compare(VectorOperators.GT, threshold)), y, i);
        }
        finishForward(f, x, y, i);
    }

    /** {@code b x > t ? dy : dy z / (z + 1)}, {@code z = exp(b x)}. */
    private static void softplusBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        double beta = f.beta();
        double threshold = f.threshold();
        int i = 0;
        for (int end = WIDE.loopBound(dx.length); i < end; i += WL) {
            DoubleVector scaled = wide(x, i).mul(beta);
            DoubleVector z = scaled.lanewise(VectorOperators.EXP);
            DoubleVector d = wide(dy, i);
            narrow(d.mul(z).div(z.add(1)).blend(d, scaled.compare(VectorOperators.GT, threshold)), dx, i);
        }
        finishBackward(f, x, y, dy, dx, i);
    }

    /** The reference rule for elements {@code from ..} of a forward pass. */
    private static void finishForward(Activation f, float[] x, float[] y, int from) {
        for (int i = from; i < y.length; i++) {
            y[i] = (float) f.forward(x[i]);
        }
    }

    /** The reference rule for elements {@code from ..} of a backward pass. */
    private static void finishBackward(Activation f, float[] x, float[] y, float[] dy, float[] dx, int from) {
        for (int i = from; i < dx.length; i++) {
            dx[i] = (float) f.backward(x[i], y[i], dy[i]);
        }
    }

    // ---- reductions --------------------------------------------------------------------------

    @Override
    public double sum(VectorTensor a) {
        return sum(a.floats, 0, a.floats.length);
    }

    /** {@code sum_j x[from + j]} in double lanes, then across the lanes, then the last elements in order. */
    private static double sum(float[] x, int from, int n) {
        DoubleVector acc = DoubleVector.zero(WIDE);
        int j = 0;
        for (int end = WIDE.loopBound(n); j < end; j += WL) {
            acc = acc.add(wide(x, from + j));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += x[from + j];
        }
        return s;
    }

    /** {@code sum_i a_i b_i} in double lanes by fused multiply-adds, then across the lanes, then the last elements in order. */
    @Override
    public double dot(VectorTensor at, VectorTensor bt) {
        float[] a = at.floats;
        float[] b = bt.floats;
        DoubleVector acc = DoubleVector.zero(WIDE);
        int i = 0;
        for (int end = WIDE.loopBound(a.length); i < end; i += WL) {
            acc = wide(a, i).fma(wide(b, i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }
}
