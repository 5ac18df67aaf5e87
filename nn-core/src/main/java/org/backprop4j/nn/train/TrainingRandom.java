package org.backprop4j.nn.train;

import java.util.SplittableRandom;

/**
 * The random numbers of a training run, each stream a function of the run's seed and a position
 * in the run, never of how many numbers were drawn before it. So the state of every generator is
 * just that position: a run saved between two batches and resumed continues with exactly the
 * shuffles and dropout masks it would have drawn, with nothing to save but the epoch and batch.
 * <ul>
 *   <li>the row order of epoch {@code e} (from 1): a Fisher-Yates shuffle drawn from
 *       {@link #shuffle(long, int)};</li>
 *   <li>the masks of the dropout layer at position {@code l} of the network in batch {@code b}
 *       (from 0) of epoch {@code e}: drawn from {@code new SplittableRandom(dropout(seed, e, b, l))}.</li>
 * </ul>
 * Each stream's seed is the tuple hashed with SplitMix64's finaliser ({@link #mix}), the function
 * {@link SplittableRandom} itself applies to its output; distinct tuples give unrelated seeds, and
 * two {@code SplittableRandom}s with unrelated seeds overlap with a probability of about
 * {@code draws / 2^64}.
 */
final class TrainingRandom {
    /** Separates the shuffle streams from the dropout streams of the same seed ("SHUFFLE"). */
    private static final long SHUFFLE = 0x5348_5546_464c_4500L;
    /** ("DROPOUT"). */
    private static final long DROPOUT = 0x4452_4f50_4f55_5400L;

    private TrainingRandom() {
    }

    /** The generator of epoch {@code epoch}'s row order. */
    static SplittableRandom shuffle(long seed, int epoch) {
        return new SplittableRandom(mix(mix(seed ^ SHUFFLE) + epoch));
    }

    /** The seed of the masks of the dropout layer at {@code layer} in {@code batch} of {@code epoch}. */
    static long dropout(long seed, int epoch, int batch, int layer) {
        return mix(mix(mix(mix(seed ^ DROPOUT) + epoch) + batch) + layer);
    }

    /**
     * SplitMix64's finaliser (Stafford's "Mix13"): a bijection of the 64-bit values in which every
     * input bit changes each output bit with probability close to 1/2.
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
