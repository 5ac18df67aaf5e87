package org.backprop4j.spark;

import java.util.List;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.train.BatchLoss;

/**
 * The driver's half of a step: the partitions' {@link ShardResult}s added in partition-index
 * order, never in the order tasks finish, so the same results always give the same bits:
 * <pre>
 *   S = ((S_0 + S_1) + S_2) + ...        N = ((N_0 + N_1) + N_2) + ...
 *   g = ((g_0 + g_1) + g_2) + ...        (elementwise, over the partitions that hold rows of the batch)
 *   dL/dtheta = g / N for the mean, g for the sum
 * </pre>
 * Partitions without rows of the batch add nothing (not even a zero, which could turn a -0.0
 * into 0.0). Before adding, it checks that every partition answered once and that their row counts
 * add up to the batch.
 *
 * @param loss      the batch's loss: {@code S}, {@code N} and the reduction
 * @param gradients {@code dL/dtheta} per parameter, or null when only the loss was computed
 */
record ShardSums(BatchLoss loss, double[][] gradients) {

    /**
     * @param results    what the step's job collected, one per partition
     * @param partitions how many partitions the data has
     * @param rows       the batch's row count
     * @param gradients  whether the results carry gradients
     * @throws IllegalStateException when a partition is missing or repeated, or the row counts do
     *                               not add up to {@code rows}
     */
    static ShardSums add(List<ShardResult> results, int partitions, int rows, Reduction reduction, boolean gradients) {
        if (results.size() != partitions) {
            throw new IllegalStateException("a step collected " + results.size() + " partition results; the data has "
                    + partitions + " partitions");
        }
        double sum = 0;
        double normaliser = 0;
        long counted = 0;
        double[][] total = null;
        for (int p = 0; p < partitions; p++) {
            ShardResult r = results.get(p);
            if (r.partition() != p) {
                throw new IllegalStateException("a step's result " + p + " came from partition " + r.partition()
                        + "; expected partition " + p + " (each partition once, in order)");
            }
            counted += r.rows();
            if (r.rows() == 0) {
                continue;
            }
            sum += r.sum();
            normaliser += r.normaliser();
            if (gradients) {
                total = total == null ? deepCopy(r.gradients()) : addInto(total, r.gradients());
            }
        }
        if (counted != rows) {
            throw new IllegalStateException("the partitions hold " + counted + " of the batch's " + rows
                    + " rows; expected all of them, once (an input that changed while training?)");
        }
        if (total != null && reduction == Reduction.MEAN) {
            for (double[] g : total) {
                for (int i = 0; i < g.length; i++) {
                    g[i] /= normaliser;
                }
            }
        }
        return new ShardSums(new BatchLoss(sum, normaliser, reduction), total);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] addInto(double[][] total, double[][] g) {
        for (int i = 0; i < total.length; i++) {
            double[] t = total[i];
            double[] x = g[i];
            for (int j = 0; j < t.length; j++) {
                t[j] += x[j];
            }
        }
        return total;
    }
}
