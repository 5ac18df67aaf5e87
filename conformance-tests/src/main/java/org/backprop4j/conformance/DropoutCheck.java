package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;

/**
 * Dropout in training mode, which no PyTorch case can pin down (its masks come from PyTorch's
 * generator): on a {@code [100, 100]} input of values uniform in {@code ±(0.5, 2)}, a
 * {@code dropout(p)} network in training mode must
 * <ul>
 *   <li>{@code train.output}: give every element either exactly 0 (dropped) or exactly
 *       {@code x * s}, {@code s = 1 / (1 - p)} rounded to the dtype, the product rounded once;</li>
 *   <li>{@code train.kept_fraction}: keep a fraction of the elements within {@value #SIGMAS}
 *       standard deviations of {@code 1 - p}: the count kept is binomial, {@code sd = sqrt(p (1 - p)
 *       / n)} (0.0046 for {@code p = 0.3}, {@code n = 10^4}), so a correct layer fails this with
 *       probability below 1e-6, and a mask drawn with {@code p} and {@code 1 - p} swapped (off by
 *       0.4) or not at all (off by 0.3) fails it for certain;</li>
 *   <li>{@code train.backward}: pass {@code dy} through the same mask, {@code dx = dy * s} where
 *       the element was kept and 0 where dropped;</li>
 *   <li>{@code train.next_mask_agreement}: draw a new mask at the next forward pass: two
 *       independent masks agree at a fraction {@code p^2 + (1 - p)^2} of the elements, within the
 *       same bound (the same mask twice would agree everywhere);</li>
 *   <li>{@code eval.output}: be the identity in evaluation mode.</li>
 * </ul>
 * Finite differences through dropout with a fixed mask are among {@link RandomNetworks#gradcheckCoverage}.
 */
public final class DropoutCheck {
    /** The drop probability checked. */
    public static final double P = 0.3;
    /** The bound on the sampled fractions, in standard deviations. */
    public static final double SIGMAS = 5;
    private static final int SIZE = 100;

    private DropoutCheck() {
    }

    /** Every quantity above for {@code dropout(}{@value #P}{@code )} on {@code backend} in {@code dtype}. */
    public static List<QuantityResult> check(Backend backend, DType dtype) {
        Shape shape = Shape.matrix(SIZE, SIZE);
        int n = shape.size();
        SplittableRandom rng = new SplittableRandom(20261129);
        double[] x = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = dtype.round(rng.nextDouble(0.5, 2) * (rng.nextBoolean() ? 1 : -1));
            dy[i] = dtype.round(rng.nextDouble(-1, 1));
        }
        double scale = dtype.round(1 / (1 - P));
        Sequential net = Sequential.build(backend, dtype, List.of(new LayerSpec.Dropout(P)), 7L).train();
        Tensor input = backend.fromArray(dtype, shape, x);
        double[] y = backend.toDoubleArray(net.forward(input));
        double[] dx = backend.toDoubleArray(net.backward(backend.fromArray(dtype, shape, dy)));
        double[] next = backend.toDoubleArray(net.forward(input));

        Tolerance exact = new Tolerance(0, 0);
        double[] expectedY = new double[n];
        double[] expectedDx = new double[n];
        int kept = 0;
        int agree = 0;
        for (int i = 0; i < n; i++) {
            boolean keep = y[i] != 0;
            kept += keep ? 1 : 0;
            agree += keep == (next[i] != 0) ? 1 : 0;
            expectedY[i] = keep ? dtype.round(x[i] * scale) : 0.0;
            expectedDx[i] = keep ? dtype.round(dy[i] * scale) : 0.0;
        }
        double agreement = P * P + (1 - P) * (1 - P);
        List<QuantityResult> results = new ArrayList<>();
        results.add(Comparison.compare("train.output", shape, expectedY, shape, y, exact));
        results.add(Comparison.compareScalar("train.kept_fraction", 1 - P, (double) kept / n, bound(1 - P, n)));
        results.add(Comparison.compare("train.backward", shape, expectedDx, shape, dx, exact));
        results.add(Comparison.compareScalar("train.next_mask_agreement", agreement, (double) agree / n,
                bound(agreement, n)));
        net.eval();
        results.add(Comparison.compare("eval.output", shape, x, shape, backend.toDoubleArray(net.forward(input)), exact));
        return results;
    }

    /** {@value #SIGMAS} standard deviations of the fraction of {@code n} Bernoulli({@code q}) draws that succeed. */
    private static Tolerance bound(double q, int n) {
        return new Tolerance(0, SIGMAS * Math.sqrt(q * (1 - q) / n));
    }
}
