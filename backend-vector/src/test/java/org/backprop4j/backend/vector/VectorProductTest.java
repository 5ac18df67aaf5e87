package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed product against the naive reference, in every transpose form and both dtypes, at
 * sizes chosen to hit every edge of the blocking: 1, odd sizes, one below, at and above the
 * register tile's height and width, the inner block {@link Tiling#KC}, the row block
 * {@link Tiling#MC} and the column block {@link Tiling#NC}, inner dimensions that are multiples of
 * nothing, the unpacked path below {@link Tiling#DIRECT_MAX} and products split among threads
 * above {@link Tiling#PARALLEL_MIN}, by rows and by columns. And the properties the class
 * comment of {@link Float32Gemm} promises: the result does not depend on the thread count or
 * on the path, and {@code beta == 0} does not read {@code c}.
 */
class VectorProductTest {
    private static final Backend REFERENCE = Backend.wrap(new NaiveBackendProvider());
    private static final Backend ONE_THREAD = Backend.wrap(new VectorBackendProvider(1));
    private static final Backend TWO_THREADS = Backend.wrap(new VectorBackendProvider(2));
    private static final Backend THREE_THREADS = Backend.wrap(new VectorBackendProvider(3));

    private static int tileRows(DType dtype) {
        return dtype == DType.FLOAT32 ? Float32Gemm.MR : Float64Gemm.MR;
    }

    private static int tileCols(DType dtype) {
        return dtype == DType.FLOAT32 ? Float32Gemm.NR : Float64Gemm.NR;
    }

    /** {@code m, n, k} for one dtype: every edge of the blocking, and sizes that are multiples of nothing. */
    private static List<int[]> sizes(DType dtype) {
        int mr = tileRows(dtype);
        int nr = tileCols(dtype);
        int kc = Tiling.KC;
        return List.of(
                new int[] {1, 1, 1}, new int[] {1, 37, 7}, new int[] {7, 1, 17}, new int[] {17, 17, 17},
                new int[] {mr - 1, nr + 1, 5}, new int[] {mr, nr, 1}, new int[] {mr + 1, nr - 1, 3},
                new int[] {2 * mr + 3, 3 * nr - 5, 37}, // packed: several tiles each way, edges on both
                new int[] {mr + 1, nr + 1, kc + 1}, new int[] {5, 9, 2 * kc + 3}, // the inner dimension in blocks
                new int[] {Tiling.MC + mr + 1, 40, 23}, // rows beyond one row block
                new int[] {11, Tiling.NC + nr + 3, 13}, // columns beyond one column block
                new int[] {100, 120, 97}, // split by columns (m < n) above the threshold
                new int[] {150, 90, 83}); // split by rows
    }

    static Stream<Arguments> products() {
        List<Arguments> args = new ArrayList<>();
        double[][] alphaBeta = {{1, 0}, {-0.5, 1}, {2, 0.25}};
        int i = 0;
        for (DType dtype : DType.values()) {
            for (int[] s : sizes(dtype)) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        double[] ab = alphaBeta[i++ % alphaBeta.length];
                        args.add(Arguments.of(dtype, s[0], s[1], s[2], ta, tb, ab[0], ab[1]));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} op(a) [{1}, {3}] op(b) [{3}, {2}] transposeA={4} transposeB={5} alpha={6} beta={7}")
    @MethodSource("products")
    void agreesWithTheReferenceOnEveryThreadCount(DType dtype, int m, int n, int k, boolean ta, boolean tb,
                                                  double alpha, double beta) {
        SplittableRandom rng = new SplittableRandom(31L * m + 17L * n + k);
        double[] a = random(rng, m * k, dtype);
        double[] b = random(rng, k * n, dtype);
        double[] c = random(rng, m * n, dtype);
        Shape aShape = ta ? Shape.matrix(k, m) : Shape.matrix(m, k);
        Shape bShape = tb ? Shape.matrix(n, k) : Shape.matrix(k, n);
        Shape cShape = Shape.matrix(m, n);

        double[] expected = product(REFERENCE, dtype, alpha, aShape, a, ta, bShape, b, tb, beta, cShape, c);
        double[] magnitude = product(REFERENCE, DType.FLOAT64, Math.abs(alpha), aShape, abs(a), ta, bShape, abs(b), tb,
                Math.abs(beta), cShape, abs(c));
        double[] serial = product(ONE_THREAD, dtype, alpha, aShape, a, ta, bShape, b, tb, beta, cShape, c);
        String what = dtype + " [" + m + ", " + k + "] x [" + k + ", " + n + "]" + (ta ? " a^T" : "") + (tb ? " b^T" : "");
        // float32 sums in float, one rounding per term: 4 (k + 2) units of roundoff of the magnitude
        double u = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        for (int i = 0; i < expected.length; i++) {
            double bound = 4.0 * (k + 2) * u * (Math.abs(expected[i]) + magnitude[i]);
            if (!(Math.abs(serial[i] - expected[i]) <= bound)) {
                fail(what + ": element " + i + " is " + serial[i] + "; expected " + expected[i] + " within " + bound);
            }
        }
        assertThat(product(TWO_THREADS, dtype, alpha, aShape, a, ta, bShape, b, tb, beta, cShape, c))
                .as("%s on 2 threads, bit for bit as on 1", what).isEqualTo(serial);
        assertThat(product(THREE_THREADS, dtype, alpha, aShape, a, ta, bShape, b, tb, beta, cShape, c))
                .as("%s on 3 threads, bit for bit as on 1", what).isEqualTo(serial);
    }

    @ParameterizedTest(name = "{0}: beta 0 does not read NaN or infinity in c, unpacked, packed and split")
    @EnumSource(DType.class)
    void betaZeroDoesNotReadC(DType dtype) {
        for (int size : new int[] {3, 40, 120}) {
            SplittableRandom rng = new SplittableRandom(size);
            Shape shape = Shape.matrix(size, size);
            double[] a = random(rng, size * size, dtype);
            double[] b = random(rng, size * size, dtype);
            double[] poison = new double[size * size];
            for (int i = 0; i < poison.length; i++) {
                poison[i] = i % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
            }
            double[] clean = product(TWO_THREADS, dtype, 1.5, shape, a, false, shape, b, true, 0.0, shape,
                    new double[size * size]);
            double[] overwritten = product(TWO_THREADS, dtype, 1.5, shape, a, false, shape, b, true, 0.0, shape, poison);
            assertThat(overwritten).as("%s %dx%d product over NaN with beta 0", dtype, size, size).isEqualTo(clean);
        }
    }

    @ParameterizedTest(name = "{0}: the unpacked and the packed path sum alike")
    @EnumSource(DType.class)
    void unpackedAndPackedPathsGiveTheSameBits(DType dtype) {
        // 31 x 32 x 32 is just below the unpacked path's limit, 32 x 32 x 32 at it; row 31 of the
        // larger product is computed by the packed path from the same data as the smaller one's rows
        int k = 32;
        int n = 32;
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = random(rng, 32 * k, dtype);
        double[] b = random(rng, k * n, dtype);
        double[] c = random(rng, 32 * n, dtype);
        assertThat(31L * n * k).isLessThan(Tiling.DIRECT_MAX);
        assertThat(32L * n * k).isGreaterThanOrEqualTo(Tiling.DIRECT_MAX);
        for (boolean tb : new boolean[] {false, true}) {
            Shape bShape = tb ? Shape.matrix(n, k) : Shape.matrix(k, n);
            double[] packed = product(ONE_THREAD, dtype, -0.75, Shape.matrix(32, k), a, false, bShape, b, tb, 0.5,
                    Shape.matrix(32, n), c);
            double[] direct = product(ONE_THREAD, dtype, -0.75, Shape.matrix(31, k), Arrays.copyOf(a, 31 * k),
                    false, bShape, b, tb, 0.5, Shape.matrix(31, n), Arrays.copyOf(c, 31 * n));
            assertThat(Arrays.copyOf(packed, 31 * n)).as("%s transposeB=%s", dtype, tb).isEqualTo(direct);
        }
    }

    /** {@code c = alpha op(a) op(b) + beta c} on {@code backend}, returned as doubles. */
    private static double[] product(Backend backend, DType dtype, double alpha, Shape aShape, double[] a, boolean ta,
                                    Shape bShape, double[] b, boolean tb, double beta, Shape cShape, double[] c) {
        Tensor ta0 = backend.fromArray(dtype, aShape, a);
        Tensor tb0 = backend.fromArray(dtype, bShape, b);
        Tensor tc = backend.fromArray(dtype, cShape, c);
        backend.gemm(alpha, ta0, ta, tb0, tb, beta, tc);
        return backend.toDoubleArray(tc);
    }

    /** Uniform in [-2, 2), rounded to {@code dtype}. */
    private static double[] random(SplittableRandom rng, int n, DType dtype) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = dtype.round(rng.nextDouble(-2, 2));
        }
        return v;
    }

    private static double[] abs(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }
}
