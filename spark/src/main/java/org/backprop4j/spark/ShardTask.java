package org.backprop4j.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of one batch, run as a Spark task: picks the batch's rows that live in the
 * partition (rows {@code first[p] .. first[p + 1] - 1}, taken in the batch's order) and computes
 * their {@link ShardResult} on this thread's {@link Replica}. Everything it reads is fixed when
 * the step starts (the rows' ids, the cached block, the broadcast weights), so a retried task
 * computes the same bits; it changes nothing outside its thread's replica, so running it twice
 * changes nothing else. The backend is resolved even for a partition with no rows in the batch,
 * so an executor that cannot run it fails the first step.
 */
final class ShardTask implements Function2<Integer, Iterator<RowBlock>, Iterator<ShardResult>> {
    private static final long serialVersionUID = 1L;

    private final ModelDescription description;
    private final Broadcast<double[][]> weights;
    private final int[] batch;
    private final int[] first;
    private final boolean gradients;
    private final boolean training;

    /**
     * @param weights   the parameters' values for this step
     * @param batch     the batch's row ids, in batch order; not modified
     * @param first     partition {@code p} holds rows {@code first[p] .. first[p + 1] - 1}; not modified
     * @param gradients whether to compute the gradient, or only the loss
     * @param training  the model's mode
     */
    ShardTask(ModelDescription description, Broadcast<double[][]> weights, int[] batch, int[] first,
              boolean gradients, boolean training) {
        this.description = description;
        this.weights = weights;
        this.batch = batch;
        this.first = first;
        this.gradients = gradients;
        this.training = training;
    }

    @Override
    public Iterator<ShardResult> call(Integer partition, Iterator<RowBlock> blocks) {
        Replica replica = Replica.of(description);
        if (!blocks.hasNext()) {
            throw new IllegalStateException("partition " + partition + " has no row block");
        }
        RowBlock block = blocks.next();
        int lo = first[partition];
        int hi = first[partition + 1];
        if (block.rows() != hi - lo) {
            throw new IllegalStateException("partition " + partition + " has " + block.rows() + " rows; it had "
                    + (hi - lo) + " when training began (its input must give the same rows every time it is read)");
        }
        int count = 0;
        for (int id : batch) {
            if (id >= lo && id < hi) {
                count++;
            }
        }
        if (count == 0) {
            return List.of(ShardResult.empty(partition)).iterator();
        }
        int[] local = new int[count];
        int k = 0;
        for (int id : batch) {
            if (id >= lo && id < hi) {
                local[k++] = id - lo;
            }
        }
        return List.of(replica.compute(block, local, weights.value(), gradients, training)).iterator();
    }
}
