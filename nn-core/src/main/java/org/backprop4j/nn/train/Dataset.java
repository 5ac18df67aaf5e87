package org.backprop4j.nn.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.backprop4j.api.DType;

/**
 * Examples held in memory, independent of any backend: inputs {@code x [size, inputWidth]} and
 * targets {@code y [size, targetWidth]}, both row-major, stored in a dtype: doubles, or floats for
 * a float32 model, which computes on the floats anyway and so trains on exactly the same values
 * with half the memory. Values always come out as doubles (a float widens exactly). Immutable:
 * every method that selects or transforms rows returns a new dataset, in the same dtype, and
 * copies what it returns.
 */
public final class Dataset {
    private final Elements inputs;
    private final Elements targets;
    private final int size;
    private final int inputWidth;
    private final int targetWidth;

    /**
     * A dataset of {@code inputs.length / inputWidth} rows stored as doubles; the arrays are copied.
     *
     * @throws IllegalArgumentException when a width is below 1, an array's length is not a
     *                                  multiple of its width, the row counts differ, or there are no rows
     */
    public Dataset(double[] inputs, int inputWidth, double[] targets, int targetWidth) {
        this(DType.FLOAT64, inputs, inputWidth, targets, targetWidth);
    }

    /**
     * A dataset of {@code inputs.length / inputWidth} rows stored in {@code storage}: the arrays
     * are copied, rounded to the nearest float for {@link DType#FLOAT32}; they are not modified.
     *
     * @throws IllegalArgumentException as {@link #Dataset(double[], int, double[], int)}
     */
    public Dataset(DType storage, double[] inputs, int inputWidth, double[] targets, int targetWidth) {
        if (inputWidth < 1 || targetWidth < 1) {
            throw new IllegalArgumentException("dataset inputWidth (" + inputWidth + ") and targetWidth ("
                    + targetWidth + ") must be >= 1");
        }
        if (inputs.length % inputWidth != 0 || targets.length % targetWidth != 0) {
            throw new IllegalArgumentException("dataset arrays of " + inputs.length + " inputs and " + targets.length
                    + " targets are not whole rows of " + inputWidth + " and " + targetWidth);
        }
        if (inputs.length / inputWidth != targets.length / targetWidth) {
            throw new IllegalArgumentException("dataset has " + inputs.length / inputWidth + " input rows and "
                    + targets.length / targetWidth + " target rows; expected the same number");
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("dataset has no rows; expected at least one");
        }
        this.inputs = Elements.of(storage, inputs);
        this.targets = Elements.of(storage, targets);
        this.size = inputs.length / inputWidth;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
    }

    private Dataset(Elements inputs, int inputWidth, Elements targets, int targetWidth) {
        this.inputs = inputs;
        this.targets = targets;
        this.size = inputs.length() / inputWidth;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
    }

    /** A dataset from one array per row; every input row and every target row of one width. */
    public static Dataset ofRows(double[][] inputs, double[][] targets) {
        return new Dataset(flatten("inputs", inputs), inputs.length == 0 ? 1 : inputs[0].length,
                flatten("targets", targets), targets.length == 0 ? 1 : targets[0].length);
    }

    private static double[] flatten(String what, double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        int width = rows[0].length;
        double[] flat = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(what + " row " + i + " has " + rows[i].length
                        + " values; expected " + width + ", as row 0");
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /** Number of rows (examples), at least 1. */
    public int size() {
        return size;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int targetWidth() {
        return targetWidth;
    }

    /** The dtype the values are stored in. */
    public DType dtype() {
        return inputs.dtype();
    }

    /** The bytes the inputs and targets take. */
    public long bytes() {
        return inputs.bytes() + targets.bytes();
    }

    /** A copy of the inputs as doubles, row-major {@code [size, inputWidth]}. */
    public double[] inputs() {
        return inputs.toDoubles();
    }

    /** A copy of the targets as doubles, row-major {@code [size, targetWidth]}. */
    public double[] targets() {
        return targets.toDoubles();
    }

    /**
     * Copies rows {@code order[from] .. order[from + count - 1]} into the first {@code count}
     * rows of {@code x} and {@code y}, as doubles; this is how a mini-batch is assembled without allocating.
     */
    public void gather(int[] order, int from, int count, double[] x, double[] y) {
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            inputs.copyTo(row * inputWidth, x, i * inputWidth, inputWidth);
            targets.copyTo(row * targetWidth, y, i * targetWidth, targetWidth);
        }
    }

    /** A new dataset of the given rows, in the given order (a row may repeat), in this dataset's dtype. */
    public Dataset rows(int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("row " + index + " of a dataset of " + size + " rows");
            }
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("dataset has no rows; expected at least one");
        }
        Elements x = Elements.zeros(dtype(), indices.length * inputWidth);
        Elements y = Elements.zeros(dtype(), indices.length * targetWidth);
        for (int i = 0; i < indices.length; i++) {
            x.copyRowsFrom(inputs, indices[i] * inputWidth, i * inputWidth, inputWidth);
            y.copyRowsFrom(targets, indices[i] * targetWidth, i * targetWidth, targetWidth);
        }
        return new Dataset(x, inputWidth, y, targetWidth);
    }

    /**
     * A random split into training and validation rows: the validation rows are
     * {@link #heldOutRows heldOutRows(size(), validationFraction, rng)}, the training rows the
     * rest, each kept in the original row order. The same generator state gives the same split.
     *
     * @param validationFraction in {@code [0, 1)}; 0 gives no validation set
     * @throws IllegalArgumentException for a fraction outside {@code [0, 1)}, or one that
     *                                  leaves no training row
     */
    public Split split(double validationFraction, RandomGenerator rng) {
        int[] validation = heldOutRows(size, validationFraction, rng);
        if (validation.length == 0) {
            return new Split(this, null);
        }
        int[] training = new int[size - validation.length];
        for (int row = 0, v = 0, t = 0; row < size; row++) {
            if (v < validation.length && validation[v] == row) {
                v++;
            } else {
                training[t++] = row;
            }
        }
        return new Split(rows(training), rows(validation));
    }

    /**
     * The rows a random split of {@code size} rows holds out, in increasing order: the rows are
     * shuffled with a Fisher-Yates shuffle drawn from {@code rng}, and the first
     * {@code round(fraction * size)} of them (at least one when {@code fraction > 0}) are held
     * out. {@link #split} holds out its validation rows this way, and {@code backprop4j split}
     * its test rows, so the same seed picks the same rows of the same file in both.
     *
     * @param fraction in {@code [0, 1)}; 0 holds out nothing
     * @throws IllegalArgumentException for a fraction outside {@code [0, 1)}, or one that leaves
     *                                  no row in
     */
    public static int[] heldOutRows(int size, double fraction, RandomGenerator rng) {
        if (!(fraction >= 0 && fraction < 1)) { // not "< 0 || >= 1": rejects NaN too
            throw new IllegalArgumentException("validation fraction (" + fraction + ") must be in [0, 1)");
        }
        int held = fraction == 0 ? 0 : Math.max(1, (int) Math.round(fraction * size));
        if (held >= size) {
            throw new IllegalArgumentException("validation fraction " + fraction + " of " + size
                    + " rows leaves no row for training; expected at least one");
        }
        if (held == 0) {
            return new int[0];
        }
        int[] rows = Arrays.copyOfRange(MiniBatches.shuffled(size, rng), 0, held);
        Arrays.sort(rows);
        return rows;
    }

    /**
     * Training and validation rows of one dataset.
     *
     * @param training   the rows to fit
     * @param validation the held-out rows, or null when there are none
     */
    public record Split(Dataset training, Dataset validation) {
    }
}
