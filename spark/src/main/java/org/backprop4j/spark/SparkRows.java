package org.backprop4j.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.train.BatchLoss;
import org.backprop4j.nn.train.TrainingRows;

/**
 * Rows on a cluster as a {@link org.backprop4j.nn.train.Trainer} trains on them: one Spark job per
 * batch. The job broadcasts the driver model's weights (again only when they changed), runs a
 * {@link ShardTask} on every partition, collects the partitions' results and adds them in
 * partition order ({@link ShardSums}); for a training step the batch's gradient is then added
 * into the driver model's parameter gradients, and the driver's optimizer steps, so optimizer
 * state never leaves the driver and a retried task cannot apply an update twice.
 */
final class SparkRows implements TrainingRows {
    private final JavaSparkContext context;
    private final RowBlocks rows;
    private final Sequential model;
    private final ModelDescription description;
    private final Reduction reduction;
    private double[][] sentWeights;
    private Broadcast<double[][]> broadcast;

    SparkRows(JavaSparkContext context, RowBlocks rows, Sequential model, ModelDescription description,
              Reduction reduction) {
        this.context = context;
        this.rows = rows;
        this.model = model;
        this.description = description;
        this.reduction = reduction;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public BatchLoss gradients(int[] order, int from, int count) {
        ShardSums sums = run(order, from, count, true);
        List<Parameter> parameters = model.parameters();
        Backend backend = model.backend();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] grad = backend.toDoubleArray(p.grad());
            double[] add = sums.gradients()[i];
            for (int j = 0; j < grad.length; j++) {
                grad[j] += add[j];
            }
            backend.copyIn(grad, p.grad());
        }
        return sums.loss();
    }

    @Override
    public BatchLoss loss(int[] order, int from, int count) {
        return run(order, from, count, false).loss();
    }

    private ShardSums run(int[] order, int from, int count, boolean gradients) {
        int[] batch = Arrays.copyOfRange(order, from, from + count);
        ShardTask task = new ShardTask(description, weights(), batch, rows.first(), gradients, model.isTraining());
        List<ShardResult> results;
        try {
            results = rows.blocks().mapPartitionsWithIndex(task, true).collect();
        } catch (Exception e) { // SparkException is checked, and thrown undeclared
            throw SparkFailures.unwrap(e);
        }
        return ShardSums.add(results, rows.partitions(), count, reduction, gradients);
    }

    /** The broadcast of the model's current weights: the last one while they have not changed. */
    private Broadcast<double[][]> weights() {
        List<Parameter> parameters = model.parameters();
        double[][] now = new double[parameters.size()][];
        for (int i = 0; i < now.length; i++) {
            now[i] = model.backend().toDoubleArray(parameters.get(i).value());
        }
        if (broadcast == null || !Arrays.deepEquals(now, sentWeights)) {
            release();
            broadcast = context.broadcast(now);
            sentWeights = now;
        }
        return broadcast;
    }

    /** Drops the last broadcast, if any; the cached rows stay. */
    void release() {
        if (broadcast != null) {
            broadcast.destroy();
            broadcast = null;
            sentWeights = null;
        }
    }
}
