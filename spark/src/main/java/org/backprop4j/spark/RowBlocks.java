package org.backprop4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Training rows on a cluster with stable ids: each partition packed into one cached
 * {@link RowBlock}, and the partitions' rows numbered in partition order, so partition {@code p}
 * holds the ids {@code first[p] .. first[p + 1] - 1} (as {@code zipWithIndex} numbers them). An id
 * names the same row in every step and every retried task, as long as the input gives the same
 * rows in the same order whenever a lost block is rebuilt from it (a file does; a shuffle without
 * a sort may not: checkpoint such an input first).
 */
final class RowBlocks {
    private final JavaRDD<RowBlock> blocks;
    private final int[] first;
    private final int inputWidth;
    private final int targetWidth;

    private RowBlocks(JavaRDD<RowBlock> blocks, int[] first, int inputWidth, int targetWidth) {
        this.blocks = blocks;
        this.first = first;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
    }

    /**
     * Packs and caches {@code examples}, one job to count the rows of every partition.
     *
     * @param what names the data in messages, e.g. {@code training}
     * @throws IllegalArgumentException when there are no rows, more than {@link Integer#MAX_VALUE},
     *                                  or rows of different widths, naming partitions and widths
     */
    static RowBlocks of(JavaRDD<Example> examples, String what) {
        JavaRDD<RowBlock> blocks = examples
                .mapPartitionsWithIndex((p, rows) -> List.of(RowBlock.pack(p, rows)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<RowBlock.BlockShape> shapes;
        try {
            shapes = blocks.map(RowBlock::shape).collect();
        } catch (Exception e) { // SparkException is checked, and thrown undeclared
            blocks.unpersist(false);
            throw SparkFailures.unwrap(e);
        }
        int[] first = new int[shapes.size() + 1];
        long total = 0;
        RowBlock.BlockShape widths = null;
        for (RowBlock.BlockShape s : shapes) {
            if (s.rows() > 0) {
                if (widths == null) {
                    widths = s;
                } else if (s.inputWidth() != widths.inputWidth() || s.targetWidth() != widths.targetWidth()) {
                    blocks.unpersist(false);
                    throw new IllegalArgumentException(what + " data: partition " + s.partition() + " has rows of "
                            + s.inputWidth() + " inputs and " + s.targetWidth() + " targets; partition "
                            + widths.partition() + " has " + widths.inputWidth() + " and " + widths.targetWidth());
                }
            }
            total += s.rows();
            if (total > Integer.MAX_VALUE) {
                blocks.unpersist(false);
                throw new IllegalArgumentException(what + " data has more than " + Integer.MAX_VALUE
                        + " rows; expected at most that (rows are numbered with int)");
            }
            first[s.partition() + 1] = (int) total;
        }
        if (widths == null) {
            blocks.unpersist(false);
            throw new IllegalArgumentException(what + " data has no rows in its " + shapes.size()
                    + " partitions; expected at least one row");
        }
        return new RowBlocks(blocks, first, widths.inputWidth(), widths.targetWidth());
    }

    /** The cached blocks, one per partition. */
    JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /** Partition {@code p} holds the rows {@code first[p] .. first[p + 1] - 1}: a copy. */
    int[] first() {
        return first.clone();
    }

    int partitions() {
        return first.length - 1;
    }

    /** Rows in all partitions, at least 1. */
    int size() {
        return first[first.length - 1];
    }

    int inputWidth() {
        return inputWidth;
    }

    int targetWidth() {
        return targetWidth;
    }

    /** Drops the cached blocks. */
    void release() {
        blocks.unpersist(false);
    }
}
