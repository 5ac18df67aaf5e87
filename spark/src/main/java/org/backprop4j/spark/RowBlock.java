package org.backprop4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The rows of one partition, packed into two row-major arrays: inputs {@code [rows, inputWidth]}
 * and targets {@code [rows, targetWidth]}. Each partition of the training data becomes exactly
 * one block, empty ones included, and is cached; the rows of partition {@code p} are the global
 * rows {@code first[p] .. first[p + 1] - 1} ({@link RowBlocks}), in the order the partition gave them.
 *
 * @param partition   the partition it was made from
 * @param rows        its row count, possibly 0
 * @param inputWidth  inputs per row (0 for an empty block)
 * @param targetWidth targets per row (0 for an empty block)
 * @param inputs      row-major inputs; never modified after packing
 * @param targets     row-major targets; never modified after packing
 */
record RowBlock(int partition, int rows, int inputWidth, int targetWidth, double[] inputs, double[] targets)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Packs {@code examples}, in order.
     *
     * @throws IllegalArgumentException when a row's widths differ from the partition's first row,
     *                                  naming the partition and the row's place in it
     */
    static RowBlock pack(int partition, Iterator<Example> examples) {
        Growable x = new Growable();
        Growable y = new Growable();
        int rows = 0;
        int inputWidth = 0;
        int targetWidth = 0;
        while (examples.hasNext()) {
            Example e = examples.next();
            if (rows == 0) {
                inputWidth = e.inputs().length;
                targetWidth = e.targets().length;
            } else if (e.inputs().length != inputWidth || e.targets().length != targetWidth) {
                throw new IllegalArgumentException("partition " + partition + ", row " + rows + " has "
                        + e.inputs().length + " inputs and " + e.targets().length + " targets; expected " + inputWidth
                        + " and " + targetWidth + ", as the partition's first row");
            }
            x.add(e.inputs());
            y.add(e.targets());
            rows++;
        }
        return new RowBlock(partition, rows, inputWidth, targetWidth, x.toArray(), y.toArray());
    }

    /** What the driver learns of a block when the blocks are made. */
    BlockShape shape() {
        return new BlockShape(partition, rows, inputWidth, targetWidth);
    }

    /**
     * A block's size and widths.
     *
     * @param partition   the partition
     * @param rows        its rows
     * @param inputWidth  inputs per row, 0 when empty
     * @param targetWidth targets per row, 0 when empty
     */
    record BlockShape(int partition, int rows, int inputWidth, int targetWidth) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A double array that grows by doubling. */
    private static final class Growable {
        private double[] values = new double[64];
        private int size;

        void add(double[] row) {
            if (size + row.length > values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, size + row.length));
            }
            System.arraycopy(row, 0, values, size, row.length);
            size += row.length;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
