package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The switch from the scalar paths to the vector paths changes no result: every op the switch
 * applies to, and products of every size and form, give the same bits on both. And in a fresh JVM
 * the backend starts on the scalar paths and switches once its warm-up thread is done.
 */
class WarmupTest {

    @ParameterizedTest(name = "{0}: the scalar and the vector paths give the same bits")
    @EnumSource(DType.class)
    void scalarAndVectorPathsGiveTheSameBits(DType dtype) {
        Backend backend = Backend.wrap(new VectorBackendProvider(2));
        Paths.scalar();
        List<double[]> scalar = results(backend, dtype);
        Paths.vectors();
        List<double[]> vectors = results(backend, dtype);
        assertThat(vectors).hasSameSizeAs(scalar);
        for (int i = 0; i < scalar.size(); i++) {
            assertThat(vectors.get(i)).as("result %d", i).isEqualTo(scalar.get(i));
        }
    }

    /**
     * Every op whose loops the warm-up switches, on shapes whose sizes are not multiples of a
     * vector, with NaN, infinities and signed zeros among the values; products unpacked, packed
     * and split, in every form.
     */
    private static List<double[]> results(Backend backend, DType dtype) {
        SplittableRandom rng = new SplittableRandom(7);
        Shape shape = Shape.matrix(9, 37);
        double[] av = values(rng, shape.size());
        double[] bv = values(rng, shape.size());
        Tensor a = backend.fromArray(dtype, shape, av);
        Tensor b = backend.fromArray(dtype, shape, bv);
        Tensor rowValues = backend.fromArray(dtype, Shape.vector(9), values(rng, 9));
        Tensor colValues = backend.fromArray(dtype, Shape.vector(37), values(rng, 37));
        List<double[]> out = new ArrayList<>();
        Function<java.util.function.Consumer<Tensor>, double[]> into = op -> {
            Tensor t = backend.zeros(dtype, shape);
            op.accept(t);
            return backend.toDoubleArray(t);
        };
        for (BinaryOp op : BinaryOp.values()) {
            out.add(into.apply(t -> backend.binary(op, a, b, t)));
            out.add(into.apply(t -> backend.rowBroadcast(op, a, rowValues, t)));
        }
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SQRT, UnaryOp.SQUARE, UnaryOp.ABS, UnaryOp.SIGN}) {
            out.add(into.apply(t -> backend.unary(op, a, t)));
        }
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.3)}) {
            out.add(into.apply(t -> backend.activation(f, a, t)));
            out.add(into.apply(t -> backend.activationBackward(f, a, b, b, t)));
        }
        out.add(into.apply(t -> backend.addRowVector(a, colValues, t)));
        out.add(into.apply(t -> backend.addScalar(a, 0.3, t)));
        out.add(into.apply(t -> {
            backend.copy(b, t);
            backend.axpby(0.7, a, 0.0, t);
            backend.axpby(-1.3, a, 1.0, t);
            backend.axpby(0.9, b, 0.6, t);
        }));
        Tensor sums = backend.fromArray(dtype, Shape.vector(37), values(rng, 37));
        backend.columnSums(a, 0.5, sums);
        out.add(backend.toDoubleArray(sums));
        Tensor max = backend.zeros(dtype, Shape.vector(9));
        backend.rowReduce(ReduceOp.MAX, a, max);
        out.add(backend.toDoubleArray(max));
        for (int[] mnk : new int[][] {{5, 7, 3}, {30, 41, 29}, {130, 140, 70}}) { // unpacked, packed, split
            for (int form = 0; form < 4; form++) {
                boolean ta = (form & 1) != 0;
                boolean tb = (form & 2) != 0;
                int m = mnk[0];
                int n = mnk[1];
                int k = mnk[2];
                Tensor x = backend.fromArray(dtype, ta ? Shape.matrix(k, m) : Shape.matrix(m, k), finite(rng, m * k));
                Tensor y = backend.fromArray(dtype, tb ? Shape.matrix(n, k) : Shape.matrix(k, n), finite(rng, k * n));
                Tensor z = backend.fromArray(dtype, Shape.matrix(m, n), finite(rng, m * n));
                backend.gemm(-0.75, x, ta, y, tb, 0.5, z);
                out.add(backend.toDoubleArray(z));
            }
        }
        return out;
    }

    /** Uniform in [-3, 3), with NaN, infinities, zeros of both signs and exact ties sprinkled in. */
    private static double[] values(SplittableRandom rng, int n) {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 5 == 2 ? special[rng.nextInt(special.length)] : rng.nextDouble(-3, 3);
        }
        return v;
    }

    private static double[] finite(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-3, 3);
        }
        return v;
    }

    @Test
    void aFreshJvmStartsOnTheScalarPathsAndSwitchesToTheVectorsWithoutChangingResults() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                WarmupMain.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(Warmup.MAX_MILLIS + 30_000, TimeUnit.MILLISECONDS)).as("finished: %s", out).isTrue();
        assertThat(out).contains("cold: true").contains("same bits: true").contains("float64 started: false");
        Matcher warm = Pattern.compile("warm after ms: (\\d+)").matcher(out);
        assertThat(warm.find()).as(out).isTrue();
        assertThat(Long.parseLong(warm.group(1))).as("ms until the vectors are used").isLessThan(Warmup.MAX_MILLIS + 5_000);
    }
}
