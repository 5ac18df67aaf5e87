package org.backprop4j.bench.report;

import java.util.Locale;
import org.backprop4j.bench.StepConfig;

/** The arithmetic of the report: FLOP counts, GFLOP/s, and how numbers are printed. */
public final class Figures {
    private Figures() {
    }

    /** FLOPs of one {@code n x n} by {@code n x n} product, a multiply-add counted as 2: {@code 2 n^3}. */
    public static double gemmFlops(int n) {
        return 2.0 * n * n * n;
    }

    /** GFLOP/s of {@code opsPerSecond} operations of {@code flops} each: {@code flops * ops/s / 1e9}. */
    public static double gflops(double flops, double opsPerSecond) {
        return flops * opsPerSecond / 1e9;
    }

    /** The matrix-multiply GFLOP/s of a training step of {@code config} at {@code stepsPerSecond}. */
    public static double stepGflops(String config, double stepsPerSecond) {
        return gflops(StepConfig.fromId(config).matmulFlops(), stepsPerSecond);
    }

    /** A throughput with three significant digits at most, grouping thousands: {@code 1,234,567}, {@code 12.3}, {@code 0.123}. */
    public static String rate(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A ratio as {@code 2.31x}; {@code -} for NaN. */
    public static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0fx" : "%.2fx", v);
    }

    /**
     * A fraction as a percentage with one decimal, {@code 0.7311} as {@code 73.1%}: a figure
     * just under a threshold (89.9% against 90%) must not print as the threshold.
     */
    public static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** Heap bytes per operation, rounded to whole bytes: {@code 105,364 B}; {@code -} for NaN. */
    public static String bytes(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f B", v);
    }
}
