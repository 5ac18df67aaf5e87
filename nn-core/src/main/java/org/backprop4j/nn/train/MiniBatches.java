package org.backprop4j.nn.train;

import java.util.random.RandomGenerator;

/**
 * The order in which an epoch visits the rows: each epoch is a new Fisher-Yates shuffle of
 * {@code 0 .. size-1}, drawn from a seeded generator, cut into consecutive batches of
 * {@code batchSize} rows; the last batch of an epoch holds the remainder and may be smaller
 * (PyTorch's {@code DataLoader(shuffle=True, drop_last=False)}). The same generator state
 * gives the same order on every backend.
 */
public final class MiniBatches {
    private final int size;
    private final int batchSize;
    private final RandomGenerator rng;

    /**
     * @param size      rows in the dataset, {@code >= 1}
     * @param batchSize rows per batch, {@code >= 1}; a batch size above {@code size} gives one batch
     * @param rng       the generator each epoch's shuffle draws from
     */
    public MiniBatches(int size, int batchSize, RandomGenerator rng) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("mini-batches of size " + size + " and batch size " + batchSize
                    + ": both must be >= 1");
        }
        this.size = size;
        this.batchSize = Math.min(batchSize, size);
        this.rng = rng;
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

    /** The next epoch's row order: a permutation of {@code 0 .. size-1}. */
    public int[] nextEpoch() {
        return shuffled(size, rng);
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
