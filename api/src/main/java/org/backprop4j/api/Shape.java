package org.backprop4j.api;

import java.util.Arrays;

/**
 * The shape of a tensor: rank 1 ({@code [n]}) or rank 2 ({@code [rows, cols]}), every dimension
 * at least 1. That is all a dense network needs: weights and batches are matrices, biases are
 * vectors. There is no general N-d broadcasting.
 *
 * <p>Elements are stored in row-major order. A vector {@code [n]} lays out like the single row
 * of a {@code [1, n]} matrix, so {@link #rows()} is 1 and {@link #cols()} is {@code n}.
 */
public final class Shape {
    private final int rows;
    private final int cols;
    private final int rank;

    private Shape(int rank, int rows, int cols) {
        this.rank = rank;
        this.rows = rows;
        this.cols = cols;
    }

    /** A vector of {@code n} elements, {@code n >= 1}. */
    public static Shape vector(int n) {
        requirePositive("vector length", n);
        return new Shape(1, 1, n);
    }

    /** A {@code rows x cols} matrix, both at least 1. */
    public static Shape matrix(int rows, int cols) {
        requirePositive("rows", rows);
        requirePositive("cols", cols);
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape [" + rows + ", " + cols + "] has " + (long) rows * cols
                            + " elements; at most " + Integer.MAX_VALUE + " are allowed");
        }
        return new Shape(2, rows, cols);
    }

    /**
     * A shape from its dimensions as they appear in files ({@code [n]} or {@code [rows, cols]}).
     *
     * @throws IllegalArgumentException for rank 0 or above 2, or a dimension below 1
     */
    public static Shape of(int... dims) {
        if (dims.length == 1) {
            return vector(dims[0]);
        }
        if (dims.length == 2) {
            return matrix(dims[0], dims[1]);
        }
        throw new IllegalArgumentException(
                "shape " + Arrays.toString(dims) + " has rank " + dims.length + "; allowed ranks: 1, 2");
    }

    private static void requirePositive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " (" + n + ") must be >= 1");
        }
    }

    /** 1 for a vector, 2 for a matrix. */
    public int rank() {
        return rank;
    }

    /** Number of rows; 1 for a vector. */
    public int rows() {
        return rows;
    }

    /** Number of columns; the length for a vector. */
    public int cols() {
        return cols;
    }

    /** Number of elements: {@code rows * cols}. */
    public int size() {
        return rows * cols;
    }

    /** The dimensions as written in files: {@code [n]} or {@code [rows, cols]}. */
    public int[] dims() {
        return rank == 1 ? new int[] {cols} : new int[] {rows, cols};
    }

    public boolean isVector() {
        return rank == 1;
    }

    public boolean isMatrix() {
        return rank == 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.rank == rank && s.rows == rows && s.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rank + rows) + cols;
    }

    /** {@code [n]} or {@code [rows, cols]}, as PyTorch prints sizes. */
    @Override
    public String toString() {
        return rank == 1 ? "[" + cols + "]" : "[" + rows + ", " + cols + "]";
    }
}
