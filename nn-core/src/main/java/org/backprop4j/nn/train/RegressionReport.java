package org.backprop4j.nn.train;

/**
 * The quality of a regression model's predictions, per target column and averaged over the
 * columns, accumulated over rows as they are predicted, so that memory does not grow with the
 * number of rows. The definitions are scikit-learn's ({@code mean_squared_error},
 * {@code mean_absolute_error}, {@code r2_score}), computed in double; for column {@code j} over
 * {@code n} rows of predictions {@code p} and targets {@code t}:
 *
 * <ul>
 *   <li>{@code MSE_j = sum_i (p_ij - t_ij)^2 / n};</li>
 *   <li>{@code MAE_j = sum_i |p_ij - t_ij| / n};</li>
 *   <li>{@code R^2_j = 1 - sum_i (p_ij - t_ij)^2 / sum_i (t_ij - mean_j)^2}: 1 is perfect, 0 is as
 *       good as predicting the column's mean, below 0 is worse. The spread
 *       {@code sum_i (t_ij - mean_j)^2} is accumulated with Welford's update, which is exactly 0
 *       for a column whose targets are all equal. R^2 of such a column is NaN, undefined, for the
 *       caller to report as such: scikit-learn's {@code force_finite=False} gives NaN for 0/0
 *       and -Infinity for x/0, its default 1 or 0, which would read as real scores.</li>
 * </ul>
 *
 * <p>The averages are scikit-learn's {@code multioutput="uniform_average"}: the plain mean over
 * columns, so the mean R^2 is NaN when any column's is. NaN or infinite values make the figures
 * of their column NaN or infinite; callers that report metrics check their values first. Not
 * thread-safe.
 */
public final class RegressionReport {
    private final int width;
    private long rows;
    private final double[] squaredError;
    private final double[] absoluteError;
    private final double[] targetMean;
    private final double[] targetSpread;

    /**
     * An empty report for {@code width} target columns.
     *
     * @throws IllegalArgumentException when {@code width < 1}
     */
    public RegressionReport(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width (" + width + ") must be >= 1");
        }
        this.width = width;
        this.squaredError = new double[width];
        this.absoluteError = new double[width];
        this.targetMean = new double[width];
        this.targetSpread = new double[width];
    }

    /**
     * Adds rows of predictions and their targets.
     *
     * @param predictions row-major {@code [rows, width]}; not modified
     * @param targets     row-major {@code [rows, width]}, the same length; not modified
     * @throws IllegalArgumentException when the lengths differ or are not whole rows of {@link #width()}
     */
    public void add(double[] predictions, double[] targets) {
        if (predictions.length != targets.length || targets.length % width != 0) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + targets.length
                    + " targets; expected the same number, whole rows of width " + width);
        }
        for (int i = 0; i < targets.length; i += width) {
            rows++;
            for (int j = 0; j < width; j++) {
                double t = targets[i + j];
                double d = predictions[i + j] - t;
                squaredError[j] += d * d;
                absoluteError[j] += Math.abs(d);
                double before = t - targetMean[j]; // Welford: the spread without subtracting large sums
                targetMean[j] += before / rows;
                targetSpread[j] += before * (t - targetMean[j]);
            }
        }
    }

    /** The number of target columns. */
    public int width() {
        return width;
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /** {@code MSE_j}, see the class description. */
    public double mse(int column) {
        checkColumn(column);
        return squaredError[column] / rows;
    }

    /** {@code MAE_j}, see the class description. */
    public double mae(int column) {
        checkColumn(column);
        return absoluteError[column] / rows;
    }

    /** {@code R^2_j}, or NaN when the column's targets are all equal; see the class description. */
    public double r2(int column) {
        checkColumn(column);
        if (targetSpread[column] == 0) {
            return Double.NaN;
        }
        return 1 - squaredError[column] / targetSpread[column];
    }

    /** Whether the targets of {@code column} are all equal, so that its R^2 is undefined. */
    public boolean constantTargets(int column) {
        checkColumn(column);
        return targetSpread[column] == 0;
    }

    /** The mean of {@link #mse} over the columns. */
    public double meanMse() {
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += mse(j);
        }
        return sum / width;
    }

    /** The mean of {@link #mae} over the columns. */
    public double meanMae() {
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += mae(j);
        }
        return sum / width;
    }

    /** The mean of {@link #r2} over the columns: NaN when any column's is. */
    public double meanR2() {
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += r2(j);
        }
        return sum / width;
    }

    private void checkColumn(int column) {
        if (column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("column " + column + " of " + width);
        }
        if (rows == 0) {
            throw new IllegalStateException("no rows were added; the metrics of no rows are undefined");
        }
    }
}
