package org.backprop4j.nn.train;

import java.util.random.RandomGenerator;

/**
 * The order in which each epoch visits the rows: a Fisher-Yates shuffle of {@code 0 .. size-1}
 * drawn from a generator that depends only on the seed and the epoch ({@link TrainingRandom}), cut
 * into consecutive batches of {@code batchSize} rows; the last batch of an epoch holds the
 * remainder and may be smaller (PyTorch's {@code DataLoader(shuffle=True, drop_last=False)}).
 * The same seed gives the same orders on every backend, and epoch 7's order is the same whether
 * the run started at epoch 1 or was resumed at epoch 7.
 */
public final class MiniBatches {
    private final int size;
    private final int batchSize;
    private final long seed;

    /**
     * @param size      rows in the dataset, {@code >= 1}
     * @param batchSize rows per batch, {@code >= 1}; a batch size above {@code size} gives one batch
     * @param seed      the seed every epoch's shuffle is derived from
     */
    public MiniBatches(int size, int batchSize, long seed) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("mini-batches of size " + size + " and batch size " + batchSize
                    + ": both must be >= 1");
        }
        this.size = size;
        this.batchSize = Math.min(batchSize, size);
        this.seed = seed;
    }

    /** Rows per full batch: the requested batch size, capped at the dataset size. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code ceil(size / batchSize)}. */
    public int batchesPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The rows of batch {@code b} are {@code order[b * batchSize() ..]}, {@link #rowsInBatch} of them. */
    public int rowsInBatch(int batch) {
        return Math.min(batchSize, size - batch * batchSize);
    }

    /** Epoch {@code epoch}'s row order (epochs count from 1): a permutation of {@code 0 .. size-1}. */
    public int[] order(int epoch) {
        return shuffled(size, TrainingRandom.shuffle(seed, epoch));
    }

    /**
     * A uniformly random permutation of {@code 0 .. n-1}: Fisher-Yates, swapping position
     * {@code i} (from {@code n-1} down to 1) with a position drawn uniformly from {@code [0, i]}.
     */
    static int[] shuffled(int n, RandomGenerator rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
