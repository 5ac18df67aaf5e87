package org.backprop4j.conformance.broken;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/** A deliberately broken backend the kit must catch: the naive backend with one op decorated. */
public final class BrokenBackend implements BackendProvider {
    /** Every bias gradient with its sign flipped ({@link FlippedBiasGradientOps}). */
    public static final BrokenBackend FLIPPED_BIAS_GRADIENT =
            new BrokenBackend("broken-flipped-bias-gradient", FlippedBiasGradientOps::new);
    /** The MSE mean's gradient divided by the batch size, not the element count ({@link BatchMeanOps}). */
    public static final BrokenBackend BATCH_MEAN = new BrokenBackend("broken-batch-mean", BatchMeanOps::new);
    /** Activation backward copies dy, ignoring the derivative ({@link IgnoredDerivativeOps}). */
    public static final BrokenBackend IGNORED_DERIVATIVE =
            new BrokenBackend("broken-ignored-derivative", IgnoredDerivativeOps::new);
    /** Float32 results rounded to half precision ({@link HalfPrecisionOps}). */
    public static final BrokenBackend HALF_PRECISION = new BrokenBackend("broken-half-precision", HalfPrecisionOps::new);

    /** All of them. */
    public static final List<BrokenBackend> ALL =
            List.of(FLIPPED_BIAS_GRADIENT, BATCH_MEAN, IGNORED_DERIVATIVE, HALF_PRECISION);

    private final String name;
    private final UnaryOperator<TensorOps> decorator;

    private BrokenBackend(String name, UnaryOperator<TensorOps> decorator) {
        this.name = name;
        this.decorator = decorator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "naive, broken on purpose";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        return ProbeResult.available("test double");
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return decorator.apply(new NaiveBackendProvider().create(settings));
    }

    @Override
    public String toString() {
        return name;
    }
}
