package org.backprop4j.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.api.Activation;

/**
 * The rules both dtypes compute in double: the activations built on {@code exp} and {@code tanh},
 * {@code exp} and {@code log}, and sums. Each works on elements {@code [0, n)} of double arrays:
 * float64 tensors' own arrays, or the chunks of float32 elements {@link Float32Kernels} widens
 * into buffers, computes here and rounds back once. One copy of each rule for both dtypes.
 *
 * <p>Loops run over vectors of {@link #SPECIES} with the JDK's vector {@code exp}, {@code expm1},
 * {@code log}, {@code log1p} and {@code tanh} (within 1-2 ulps of {@code java.lang.Math}'s: in
 * about 5% of elements {@code exp} differs from {@code Math.exp} by an ulp), and finish the
 * elements after the last whole vector with the reference rule
 * ({@link Activation#forward}/{@link Activation#backward}). Each rule is written as
 * {@link Activation}'s javadoc states it, in the same order of operations. NaN propagates as
 * there: every comparison that selects a branch is false for NaN, as in the reference.
 *
 * <p>Only this species of {@code DoubleVector} is used in the backend: a second shape of the same
 * element type would make the JIT's type profiles of the Vector API's own methods polymorphic,
 * after which it stops compiling them to vector instructions (and allocates a box per operation).
 */
final class DoubleLanes {
    /** The vector shape of every loop: the JDK's preferred one for double on this CPU. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    // Activation's constants, computed as it computes them.
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private DoubleLanes() {
    }

    /** {@code y[i] = f(x[i])} for {@code i < n}; {@code y} may be {@code x}. */
    @FunctionalInterface
    interface Forward {
        void apply(Activation f, double[] x, double[] y, int n);
    }

    /** {@code dx[i] = dy[i] f'(x[i])} for {@code i < n}, given {@code y = f(x)}; {@code dx} may be {@code dy}. */
    @FunctionalInterface
    interface Backward {
        void apply(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n);
    }

    /** {@code 1 / (1 + exp(-x))}. */
    static void sigmoid(Activation f, double[] x, double[] y, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            one.div(one.add(DoubleVector.fromArray(SPECIES, x, i).neg().lanewise(VectorOperators.EXP))).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code dy (1 - y) y}. */
    static void sigmoidBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector out = DoubleVector.fromArray(SPECIES, y, i);
            DoubleVector.fromArray(SPECIES, dy, i).mul(one.sub(out)).mul(out).intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    static void tanh(Activation f, double[] x, double[] y, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code dy (1 - y^2)}. */
    static void tanhBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector out = DoubleVector.fromArray(SPECIES, y, i);
            DoubleVector.fromArray(SPECIES, dy, i).mul(one.sub(out.mul(out))).intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    /** {@code x (1 + tanh(u)) / 2}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}. */
    static void geluTanh(Activation f, double[] x, double[] y, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector u = v.mul(GELU_CUBIC).mul(v).mul(v).add(v).mul(SQRT_2_OVER_PI);
            v.mul(0.5).mul(one.add(u.lanewise(VectorOperators.TANH))).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code dy ((1 + t) / 2 + x (1 - t^2) / 2 * sqrt(2/pi) (1 + 3 * 0.044715 x^2))}, {@code t = tanh(u)}. */
    static void geluTanhBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector t = v.mul(GELU_CUBIC).mul(v).mul(v).add(v).mul(SQRT_2_OVER_PI).lanewise(VectorOperators.TANH);
            DoubleVector slope = v.mul(3 * GELU_CUBIC).mul(v).add(1).mul(SQRT_2_OVER_PI);
            DoubleVector derivative = t.add(1).mul(0.5).add(v.mul(0.5).mul(one.sub(t.mul(t))).mul(slope));
            DoubleVector.fromArray(SPECIES, dy, i).mul(derivative).intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    /** {@code x / (1 + exp(-x))}. */
    static void silu(Activation f, double[] x, double[] y, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.div(one.add(v.neg().lanewise(VectorOperators.EXP))).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code dy s (1 + x (1 - s))}, {@code s = 1 / (1 + exp(-x))}. */
    static void siluBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector s = one.div(one.add(v.neg().lanewise(VectorOperators.EXP)));
            DoubleVector.fromArray(SPECIES, dy, i).mul(s).mul(one.add(v.mul(one.sub(s)))).intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    /** {@code x <= 0 ? a expm1(x) : x}. */
    static void elu(Activation f, double[] x, double[] y, int n) {
        double alpha = f.alpha();
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.blend(v.lanewise(VectorOperators.EXPM1).mul(alpha), v.compare(VectorOperators.LE, 0.0)).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code x <= 0 ? dy a exp(x) : dy}. */
    static void eluBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        double alpha = f.alpha();
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector d = DoubleVector.fromArray(SPECIES, dy, i);
            d.blend(d.mul(alpha).mul(v.lanewise(VectorOperators.EXP)), v.compare(VectorOperators.LE, 0.0))
                    .intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    /** {@code b x > t ? x : log(1 + exp(b x)) / b}. */
    static void softplus(Activation f, double[] x, double[] y, int n) {
        double beta = f.beta();
        double threshold = f.threshold();
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector scaled = v.mul(beta);
            DoubleVector soft = scaled.lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P).div(beta);
            soft.blend(v, scaled.compare(VectorOperators.GT, threshold)).intoArray(y, i);
        }
        finish(f, x, y, i, n);
    }

    /** {@code b x > t ? dy : dy z / (z + 1)}, {@code z = exp(b x)}. */
    static void softplusBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        double beta = f.beta();
        double threshold = f.threshold();
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector scaled = DoubleVector.fromArray(SPECIES, x, i).mul(beta);
            DoubleVector z = scaled.lanewise(VectorOperators.EXP);
            DoubleVector d = DoubleVector.fromArray(SPECIES, dy, i);
            d.mul(z).div(z.add(1)).blend(d, scaled.compare(VectorOperators.GT, threshold)).intoArray(dx, i);
        }
        finish(f, x, y, dy, dx, i, n);
    }

    /** The reference rule for every element: exact GELU, whose {@code erf} has no vector form. */
    static void scalarForward(Activation f, double[] x, double[] y, int n) {
        finish(f, x, y, 0, n);
    }

    /** The reference rule for every element. */
    static void scalarBackward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int n) {
        finish(f, x, y, dy, dx, 0, n);
    }

    private static void finish(Activation f, double[] x, double[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            y[i] = f.forward(x[i]);
        }
    }

    private static void finish(Activation f, double[] x, double[] y, double[] dy, double[] dx, int from, int n) {
        for (int i = from; i < n; i++) {
            dx[i] = f.backward(x[i], y[i], dy[i]);
        }
    }

    /** {@code y[i] = exp(x[i])} for {@code i < n}, the vector {@code exp} (see the class comment). */
    static void exp(double[] x, double[] y, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.exp(x[i]);
        }
    }

    /** {@code y[i] = log(x[i])} for {@code i < n}, the vector {@code log}. */
    static void log(double[] x, double[] y, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.LOG).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.log(x[i]);
        }
    }

    /** {@code sum_i x[from + i]} for {@code i < n}: lane by lane, then across the lanes, then the last elements in order. */
    static double sum(double[] x, int from, int n) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            acc = acc.add(DoubleVector.fromArray(SPECIES, x, from + i));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[from + i];
        }
        return s;
    }

    /** {@code sum_i a[i] b[i]} for {@code i < n} by fused multiply-adds: lane by lane, across the lanes, then the rest. */
    static double dot(double[] a, double[] b, int n) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += L) {
            acc = DoubleVector.fromArray(SPECIES, a, i).fma(DoubleVector.fromArray(SPECIES, b, i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }
}
