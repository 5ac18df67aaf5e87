package org.backprop4j.nn.io;

import org.backprop4j.api.DType;
import org.backprop4j.nn.train.Dataset;

/**
 * Per-column standardisation around a network, the {@code "normalize"} object of
 * {@code model.json}: inputs enter the network as {@code (x_j - input_mean_j) / input_std_j};
 * its outputs leave as {@code y_j * target_std_j + target_mean_j}. Any of the four vectors may
 * be absent (null), which skips that part: no mean subtracts 0, no std divides by 1.
 * Immutable; accessors return copies.
 */
public final class Normalization {
    /** No standardisation at all. */
    public static final Normalization NONE = new Normalization(null, null, null, null);

    private final double[] inputMean;
    private final double[] inputStd;
    private final double[] targetMean;
    private final double[] targetStd;

    /**
     * @throws IllegalArgumentException for an empty vector, a non-finite value, a std that is
     *                                  not {@code > 0} or so small (subnormal) that its reciprocal
     *                                  is infinite, or a mean and std of different lengths
     */
    public Normalization(double[] inputMean, double[] inputStd, double[] targetMean, double[] targetStd) {
        this.inputMean = check("input_mean", inputMean, false);
        this.inputStd = check("input_std", inputStd, true);
        this.targetMean = check("target_mean", targetMean, false);
        this.targetStd = check("target_std", targetStd, true);
        sameLength("input", inputMean, inputStd);
        sameLength("target", targetMean, targetStd);
    }

    private static double[] check(String name, double[] v, boolean scale) {
        if (v == null) {
            return null;
        }
        if (v.length == 0) {
            throw new IllegalArgumentException(name + " is empty; expected one value per column");
        }
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j]) || (scale && !(v[j] > 0))) {
                throw new IllegalArgumentException(name + "[" + j + "] is " + v[j] + "; expected a finite number"
                        + (scale ? " > 0" : ""));
            }
            if (scale && !Double.isFinite(1 / v[j])) { // a subnormal std: dividing by it overflows to infinity
                throw new IllegalArgumentException(name + "[" + j + "] is " + v[j] + "; expected a finite number > 0"
                        + " whose reciprocal is finite too (above about 5.6e-309), or every value divided by it is infinite");
            }
        }
        return v.clone();
    }

    private static void sameLength(String what, double[] mean, double[] std) {
        if (mean != null && std != null && mean.length != std.length) {
            throw new IllegalArgumentException(what + "_mean has " + mean.length + " values and " + what + "_std "
                    + std.length + "; expected one of each per column");
        }
    }

    /**
     * The statistics of {@code training}: per column, the mean and the population standard
     * deviation {@code sqrt(sum (x - mean)^2 / n)} (scikit-learn's {@code StandardScaler}); a
     * column with standard deviation 0 gets 1, so it passes through centred rather than dividing
     * by zero.
     *
     * @param targets whether to standardise the targets too (regression), or leave them (classification)
     */
    public static Normalization fit(Dataset training, boolean targets) {
        double[] x = training.inputs();
        double[][] input = meanAndStd(x, training.inputWidth());
        if (!targets) {
            return new Normalization(input[0], input[1], null, null);
        }
        double[][] target = meanAndStd(training.targets(), training.targetWidth());
        return new Normalization(input[0], input[1], target[0], target[1]);
    }

    private static double[][] meanAndStd(double[] rows, int width) {
        int n = rows.length / width;
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                mean[j] += rows[i * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                double d = rows[i * width + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) {
            std[j] = Math.sqrt(std[j] / n);
            if (std[j] == 0) {
                std[j] = 1;
            }
        }
        return new double[][] {mean, std};
    }

    /** A copy of {@code input_mean}, or null. */
    public double[] inputMean() {
        return copy(inputMean);
    }

    /** A copy of {@code input_std}, or null. */
    public double[] inputStd() {
        return copy(inputStd);
    }

    /** A copy of {@code target_mean}, or null. */
    public double[] targetMean() {
        return copy(targetMean);
    }

    /** A copy of {@code target_std}, or null. */
    public double[] targetStd() {
        return copy(targetStd);
    }

    private static double[] copy(double[] v) {
        return v == null ? null : v.clone();
    }

    /** Whether all four vectors are absent. */
    public boolean isNone() {
        return inputMean == null && inputStd == null && targetMean == null && targetStd == null;
    }

    /**
     * Checks every present vector against the network's widths.
     *
     * @throws IllegalArgumentException naming the vector, its length and the width expected
     */
    public void checkWidths(int inputWidth, int outputWidth) {
        checkLength("input_mean", inputMean, inputWidth, "network input");
        checkLength("input_std", inputStd, inputWidth, "network input");
        checkLength("target_mean", targetMean, outputWidth, "network output");
        checkLength("target_std", targetStd, outputWidth, "network output");
    }

    private static void checkLength(String name, double[] v, int width, String perWhat) {
        if (v != null && v.length != width) {
            throw new IllegalArgumentException(name + " has " + v.length + " values; expected " + width
                    + ", one per " + perWhat);
        }
    }

    /** {@code (x - input_mean) / input_std} for every row of {@code rows [n, width]}; a new array. */
    public double[] normalizeInputs(double[] rows, int width) {
        return forward(rows, width, inputMean, inputStd, "input");
    }

    /** {@code (y - target_mean) / target_std} for every row of {@code rows [n, width]}; a new array. */
    public double[] normalizeTargets(double[] rows, int width) {
        return forward(rows, width, targetMean, targetStd, "target");
    }

    /** {@code y * target_std + target_mean} for every row of network outputs {@code [n, width]}; a new array. */
    public double[] denormalizeOutputs(double[] rows, int width) {
        checkLength("target_mean", targetMean, width, "output column");
        checkLength("target_std", targetStd, width, "output column");
        double[] out = rows.clone();
        for (int i = 0; i < out.length; i++) {
            int j = i % width;
            double v = out[i];
            if (targetStd != null) {
                v *= targetStd[j];
            }
            if (targetMean != null) {
                v += targetMean[j];
            }
            out[i] = v;
        }
        return out;
    }

    /** The dataset with standardised inputs and targets, stored as doubles. */
    public Dataset apply(Dataset data) {
        return apply(data, DType.FLOAT64);
    }

    /**
     * The dataset with standardised inputs and targets, computed in double and stored in
     * {@code storage}: for float32, the floats a float32 network would round them to anyway.
     * {@code data} is not modified.
     */
    public Dataset apply(Dataset data, DType storage) {
        return new Dataset(storage, normalizeInputs(data.inputs(), data.inputWidth()), data.inputWidth(),
                normalizeTargets(data.targets(), data.targetWidth()), data.targetWidth());
    }

    private static double[] forward(double[] rows, int width, double[] mean, double[] std, String prefix) {
        checkLength(prefix + "_mean", mean, width, "column");
        checkLength(prefix + "_std", std, width, "column");
        if (rows.length % width != 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole rows of width " + width);
        }
        double[] out = rows.clone();
        for (int i = 0; i < out.length; i++) {
            int j = i % width;
            double v = out[i];
            if (mean != null) {
                v -= mean[j];
            }
            if (std != null) {
                v /= std[j];
            }
            out[i] = v;
        }
        return out;
    }
}
