package org.backprop4j.conformance.broken;

import java.util.List;
import java.util.function.UnaryOperator;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.conformance.NaiveTestDouble;

/** A deliberately broken backend the kit must catch: the naive backend with one op decorated. */
public final class BrokenBackend extends NaiveTestDouble {
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
    /** {@code columnSums} ignores {@code beta} ({@link IgnoredBetaOps}); only the op contract catches it. */
    public static final BrokenBackend IGNORED_BETA = new BrokenBackend("broken-ignored-beta", IgnoredBetaOps::new);
    /** {@code alpha == 0} skips reading {@code x}, {@code a} and {@code b}, as BLAS does ({@link SkippedAlphaZeroOps}). */
    public static final BrokenBackend SKIPPED_ALPHA_ZERO =
            new BrokenBackend("broken-skipped-alpha-zero", SkippedAlphaZeroOps::new);
    /** Activation backward in two passes that break {@code dx = dy} ({@link TwoPassBackwardOps}). */
    public static final BrokenBackend TWO_PASS_BACKWARD =
            new BrokenBackend("broken-two-pass-backward", TwoPassBackwardOps::new);
    /** Row maxima that lose NaN, as EJML's {@code maxRows} ({@link NaNLosingRowMaxOps}). */
    public static final BrokenBackend NAN_LOSING_ROW_MAX =
            new BrokenBackend("broken-nan-losing-row-max", NaNLosingRowMaxOps::new);
    /** Products staged in one scratch array shared by all threads ({@link SharedScratchOps}). */
    public static final BrokenBackend SHARED_SCRATCH = new BrokenBackend("broken-shared-scratch", SharedScratchOps::new);

    /** All of them. */
    public static final List<BrokenBackend> ALL = List.of(FLIPPED_BIAS_GRADIENT, BATCH_MEAN, IGNORED_DERIVATIVE,
            HALF_PRECISION, IGNORED_BETA, SKIPPED_ALPHA_ZERO, TWO_PASS_BACKWARD, NAN_LOSING_ROW_MAX, SHARED_SCRATCH);

    private final UnaryOperator<TensorOps> decorator;

    /** A broken backend made on the spot, for a test that needs one breakage of its own. */
    static BrokenBackend of(String name, UnaryOperator<TensorOps> decorator) {
        return new BrokenBackend(name, decorator);
    }

    private BrokenBackend(String name, UnaryOperator<TensorOps> decorator) {
        super(name, "naive, broken on purpose");
        this.decorator = decorator;
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        return decorator.apply(super.create(settings));
    }

    @Override
    public String toString() {
        return name();
    }
}
