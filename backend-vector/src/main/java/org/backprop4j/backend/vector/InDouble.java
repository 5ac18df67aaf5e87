package org.backprop4j.backend.vector;

import org.backprop4j.api.Activation;

/**
 * What the kernels compute in double, for each element type: the activations built on
 * {@code exp} or {@code tanh}, {@code EXP}, {@code LOG} and the sums. This is where the float32
 * kernels differ from the float64 ones by more than their element type, so it is written here
 * once per element type rather than generated; the kernels call these methods by name and the
 * array type picks the overload.
 *
 * <ul>
 *   <li>On {@code double[]}, {@link DoubleLanes}' rules run on the arrays themselves, except
 *       {@code exp} and {@code log}, which are scalar {@code Math.exp} and {@code Math.log}: the
 *       JDK's vector versions differ from them by an ulp in about 5% of elements, more than the op
 *       contract allows an elementwise op.</li>
 *   <li>On {@code float[]}, the same double rules run on chunks of {@link #CHUNK} elements widened
 *       exactly into per-thread buffers, and each result is rounded to float once, as the
 *       reference computes float32: the JDK's float {@code exp} and {@code tanh} are up to 2 ulps
 *       off, which rules such as GELU's {@code 1 + tanh(u)} near {@code -1} would amplify. Sums
 *       add the chunks' sums in order.</li>
 * </ul>
 * Only the output arguments ({@code y}, {@code dx}, {@code out}) are written.
 */
final class InDouble {
    /** Elements widened at a time: 4 KB per buffer, which stays in L1 with the floats it came from. */
    private static final int CHUNK = 512;
    /** Each thread's buffers for widened operands and results. */
    private static final ThreadLocal<double[][]> WIDENED = ThreadLocal.withInitial(() -> new double[4][CHUNK]);

    private InDouble() {
    }

    /** {@code y = f(x)} by {@code rule} on the arrays themselves. */
    static void forward(DoubleLanes.Forward rule, Activation f, double[] x, double[] y) {
        rule.apply(f, x, y, y.length);
    }

    /** {@code y = f(x)} by {@code rule} on widened chunks, rounded once. */
    static void forward(DoubleLanes.Forward rule, Activation f, float[] x, float[] y) {
        double[][] wide = WIDENED.get();
        for (int from = 0; from < y.length; from += CHUNK) {
            int n = Math.min(CHUNK, y.length - from);
            widen(x, from, wide[0], n);
            rule.apply(f, wide[0], wide[1], n);
            narrow(wide[1], y, from, n);
        }
    }

    /** {@code dx = dy f'(x)} by {@code rule} on the arrays themselves. */
    static void backward(DoubleLanes.Backward rule, Activation f, double[] x, double[] y, double[] dy, double[] dx) {
        rule.apply(f, x, y, dy, dx, dx.length);
    }

    /** {@code dx = dy f'(x)} by {@code rule} on widened chunks, rounded once. */
    static void backward(DoubleLanes.Backward rule, Activation f, float[] x, float[] y, float[] dy, float[] dx) {
        double[][] wide = WIDENED.get();
        for (int from = 0; from < dx.length; from += CHUNK) {
            int n = Math.min(CHUNK, dx.length - from);
            widen(x, from, wide[0], n);
            widen(y, from, wide[1], n);
            widen(dy, from, wide[2], n);
            rule.apply(f, wide[0], wide[1], wide[2], wide[3], n);
            narrow(wide[3], dx, from, n);
        }
    }

    /** {@code out_i = Math.exp(a_i)}, element by element. */
    static void exp(double[] a, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(a[i]);
        }
    }

    /** {@code out_i = exp(a_i)} in double lanes on widened chunks, rounded once. */
    static void exp(float[] a, float[] out) {
        elementwise(DoubleLanes::exp, a, out);
    }

    /** {@code out_i = Math.log(a_i)}, element by element. */
    static void log(double[] a, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(a[i]);
        }
    }

    /** {@code out_i = log(a_i)} in double lanes on widened chunks, rounded once. */
    static void log(float[] a, float[] out) {
        elementwise(DoubleLanes::log, a, out);
    }

    /** One of {@link DoubleLanes}' elementwise rules: {@code out_i = f(in_i)} for {@code i < n}. */
    @FunctionalInterface
    private interface Elementwise {
        void apply(double[] in, double[] out, int n);
    }

    /** {@code out_i = rule(a_i)} on widened chunks, rounded once. */
    private static void elementwise(Elementwise rule, float[] a, float[] out) {
        double[][] wide = WIDENED.get();
        for (int from = 0; from < out.length; from += CHUNK) {
            int n = Math.min(CHUNK, out.length - from);
            widen(a, from, wide[0], n);
            rule.apply(wide[0], wide[1], n);
            narrow(wide[1], out, from, n);
        }
    }

    /** {@code sum_j x[from + j]} for {@code j < n}: {@link DoubleLanes#sum}. */
    static double sum(double[] x, int from, int n) {
        return DoubleLanes.sum(x, from, n);
    }

    /** {@code sum_j x[from + j]} for {@code j < n}, in double: {@link DoubleLanes#sum} of each widened chunk, chunks in order. */
    static double sum(float[] x, int from, int n) {
        double[] wide = WIDENED.get()[0];
        double s = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            widen(x, from + start, wide, len);
            s += DoubleLanes.sum(wide, 0, len);
        }
        return s;
    }

    /** {@code sum_i a_i b_i} over all elements: {@link DoubleLanes#dot}. */
    static double dot(double[] a, double[] b) {
        return DoubleLanes.dot(a, b, a.length);
    }

    /** {@code sum_i a_i b_i} in double: {@link DoubleLanes#dot} of each widened chunk (products of floats exact), chunks in order. */
    static double dot(float[] a, float[] b) {
        double[][] wide = WIDENED.get();
        double s = 0;
        for (int from = 0; from < a.length; from += CHUNK) {
            int n = Math.min(CHUNK, a.length - from);
            widen(a, from, wide[0], n);
            widen(b, from, wide[1], n);
            s += DoubleLanes.dot(wide[0], wide[1], n);
        }
        return s;
    }

    /** {@code to[i] = from[offset + i]} for {@code i < n}, exactly. */
    private static void widen(float[] from, int offset, double[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[offset + i];
        }
    }

    /** {@code to[offset + i] = from[i]} rounded to float, for {@code i < n}. */
    private static void narrow(double[] from, float[] to, int offset, int n) {
        for (int i = 0; i < n; i++) {
            to[offset + i] = (float) from[i];
        }
    }
}
