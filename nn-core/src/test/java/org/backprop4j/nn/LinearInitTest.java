package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Linear initialises as torch.nn.Linear: weight and bias uniform in (-1/sqrt(in), 1/sqrt(in)),
 * checked by bounds and statistics (not by copying PyTorch's random stream), and the same seed,
 * backend and dtype give bitwise the same weights. Runs on every backend on the test class path.
 */
class LinearInitTest {

    @TestFactory
    Stream<DynamicTest> initialisation() {
        return Backends.discover().all().stream().flatMap(b -> Stream.of(DType.values()).flatMap(dtype -> Stream.of(
                DynamicTest.dynamicTest("bounds and statistics, " + b.name() + " " + dtype,
                        () -> boundsAndStatistics(b, dtype)),
                DynamicTest.dynamicTest("bound follows in, not out, " + b.name() + " " + dtype,
                        () -> boundFollowsFanIn(b, dtype)),
                DynamicTest.dynamicTest("same seed, same weights, " + b.name() + " " + dtype,
                        () -> sameSeedSameWeights(b, dtype)))));
    }

    /** 50 inputs, 400 outputs: 20,000 weights and 400 biases from U(-b, b), b = 1/sqrt(50). */
    static void boundsAndStatistics(Backend backend, DType dtype) {
        Sequential model = Sequential.build(backend, dtype, List.of(new LayerSpec.Linear(50, 400, true)), 7L);
        double bound = 1 / Math.sqrt(50);
        double[] w = model.stateDict().get("0.weight");
        double[] bias = model.stateDict().get("0.bias");
        assertUniform("weight", w, bound, dtype);
        assertUniform("bias", bias, bound, dtype);
    }

    static void assertUniform(String what, double[] v, double bound, DType dtype) {
        // float32 rounding may land exactly on the rounded bound, never beyond it
        double limit = dtype.round(bound);
        assertThat(Arrays.stream(v).map(Math::abs).max().orElseThrow()).as(what + " max |value|")
                .isLessThanOrEqualTo(limit)
                .isGreaterThan(0.95 * bound); // P(all of 400 within 0.95 b) = 0.95^400 ~ 1e-9
        int n = v.length;
        double mean = Arrays.stream(v).sum() / n;
        double meanSquare = Arrays.stream(v).map(x -> x * x).sum() / n;
        // U(-b, b): E[x] = 0, sd(x) = b/sqrt(3); E[x^2] = b^2/3, sd(x^2) = b^2 sqrt(4/45). Five standard errors.
        assertThat(Math.abs(mean)).as(what + " mean").isLessThan(5 * bound / Math.sqrt(3) / Math.sqrt(n));
        assertThat(Math.abs(meanSquare - bound * bound / 3)).as(what + " mean square")
                .isLessThan(5 * bound * bound * Math.sqrt(4.0 / 45) / Math.sqrt(n));
        // Kolmogorov-Smirnov distance to U(-b, b); 1.63/sqrt(n) is the 1% critical value
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = (sorted[i] + bound) / (2 * bound);
            ks = Math.max(ks, Math.max(Math.abs((i + 1.0) / n - cdf), Math.abs((double) i / n - cdf)));
        }
        assertThat(ks).as(what + " Kolmogorov-Smirnov distance to U(-b, b)").isLessThan(1.63 / Math.sqrt(n));
    }

    /** The bound is 1/sqrt(in) for weight and bias alike: 0.5 for in = 4, whatever out is. */
    static void boundFollowsFanIn(Backend backend, DType dtype) {
        Sequential wide = Sequential.build(backend, dtype, List.of(new LayerSpec.Linear(4, 3000, true)), 1L);
        Sequential narrow = Sequential.build(backend, dtype, List.of(new LayerSpec.Linear(3000, 4, true)), 1L);
        assertUniform("weight of Linear(4, 3000)", wide.stateDict().get("0.weight"), 0.5, dtype);
        assertUniform("bias of Linear(4, 3000)", wide.stateDict().get("0.bias"), 0.5, dtype);
        assertUniform("weight of Linear(3000, 4)", narrow.stateDict().get("0.weight"), 1 / Math.sqrt(3000), dtype);
        assertThat(Arrays.stream(narrow.stateDict().get("0.bias")).map(Math::abs).max().orElseThrow())
                .as("bias of Linear(3000, 4)").isLessThanOrEqualTo(dtype.round(1 / Math.sqrt(3000)));
    }

    static void sameSeedSameWeights(Backend backend, DType dtype) {
        List<LayerSpec> specs = List.of(new LayerSpec.Linear(6, 5, true), LayerSpec.ActivationLayer.of(Activation.TANH),
                new LayerSpec.Linear(5, 3, true), LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(3, 2, false));
        Map<String, double[]> first = Sequential.build(backend, dtype, specs, 42L).stateDict();
        Map<String, double[]> second = Sequential.build(backend, dtype, specs, 42L).stateDict();
        Map<String, double[]> otherSeed = Sequential.build(backend, dtype, specs, 43L).stateDict();
        assertThat(first.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight");
        for (String key : first.keySet()) {
            assertThat(bits(second.get(key))).as(key + " with the same seed").isEqualTo(bits(first.get(key)));
            assertThat(bits(otherSeed.get(key))).as(key + " with another seed").isNotEqualTo(bits(first.get(key)));
        }
        // every layer continues the generator rather than restarting it
        assertThat(first.get("2.bias")[0]).isNotEqualTo(first.get("0.bias")[0]);
        if (dtype == DType.FLOAT32) {
            Map<String, double[]> wide = Sequential.build(backend, DType.FLOAT64, specs, 42L).stateDict();
            for (String key : first.keySet()) {
                double[] rounded = Arrays.stream(wide.get(key)).map(x -> (float) x).toArray();
                assertThat(first.get(key)).as(key + ": float32 weights are the float64 draws rounded")
                        .containsExactly(rounded);
            }
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
