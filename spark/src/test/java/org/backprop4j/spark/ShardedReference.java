package org.backprop4j.spark;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.train.BatchLoss;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.TrainingRows;

/**
 * The one-machine reference the Spark run must equal bit for bit: the batch cut into the same
 * shards (partition {@code p} holds the rows {@code first[p] ..}; its rows of the batch in batch
 * order), each shard's loss sum, normaliser and gradient of the sum computed on a second copy of
 * the model, the shards added in partition order, skipping those without rows, divided once, and
 * added into the trained model's zeroed gradients. Written from the protocol, not from the Spark code.
 */
final class ShardedReference implements TrainingRows {
    private final Dataset data;
    private final int[] first;
    private final Sequential model;
    private final Sequential shard;
    private final Loss loss;

    ShardedReference(Dataset data, Sequential model, LossSpec spec, int... sizes) {
        this.data = data;
        this.first = new int[sizes.length + 1];
        for (int p = 0; p < sizes.length; p++) {
            first[p + 1] = first[p] + sizes[p];
        }
        this.model = model;
        this.shard = Sequential.build(model.backend(), model.dtype(), model.specs(), 0L);
        this.loss = spec.create(model.backend());
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public BatchLoss gradients(int[] order, int from, int rows) {
        return batch(order, from, rows, true);
    }

    @Override
    public BatchLoss loss(int[] order, int from, int rows) {
        return batch(order, from, rows, false);
    }

    private BatchLoss batch(int[] order, int from, int rows, boolean gradients) {
        Backend backend = model.backend();
        List<Parameter> params = model.parameters();
        List<Parameter> copies = shard.parameters();
        for (int i = 0; i < params.size(); i++) {
            backend.copyIn(backend.toDoubleArray(params.get(i).value()), copies.get(i).value());
        }
        if (model.isTraining()) {
            shard.train();
        } else {
            shard.eval();
        }
        double sum = 0;
        double normaliser = 0;
        double[][] total = null;
        for (int p = 0; p + 1 < first.length; p++) {
            int n = 0;
            for (int k = from; k < from + rows; k++) {
                n += order[k] >= first[p] && order[k] < first[p + 1] ? 1 : 0;
            }
            if (n == 0) {
                continue;
            }
            int[] ids = new int[n];
            int j = 0;
            for (int k = from; k < from + rows; k++) {
                if (order[k] >= first[p] && order[k] < first[p + 1]) {
                    ids[j++] = order[k];
                }
            }
            Dataset part = data.rows(ids);
            boolean indices = loss.spec().takesClassIndices() && data.targetWidth() == 1;
            Tensor x = backend.fromArray(model.dtype(), Shape.matrix(n, data.inputWidth()), part.inputs());
            Tensor y = backend.fromArray(model.dtype(), indices ? Shape.vector(n)
                    : Shape.matrix(n, data.targetWidth()), part.targets());
            sum += loss.forwardSum(shard.forward(x), y);
            normaliser += loss.normaliser();
            if (gradients) {
                shard.zeroGrad();
                shard.backwardParameters(loss.backward());
                if (total == null) {
                    total = new double[copies.size()][];
                    for (int i = 0; i < total.length; i++) {
                        total[i] = backend.toDoubleArray(copies.get(i).grad());
                    }
                } else {
                    for (int i = 0; i < total.length; i++) {
                        double[] g = backend.toDoubleArray(copies.get(i).grad());
                        for (int e = 0; e < g.length; e++) {
                            total[i][e] += g[e];
                        }
                    }
                }
            }
        }
        if (gradients) {
            for (int i = 0; i < params.size(); i++) {
                double[] grad = backend.toDoubleArray(params.get(i).grad());
                for (int e = 0; e < grad.length; e++) {
                    double g = loss.reduction() == Reduction.MEAN ? total[i][e] / normaliser : total[i][e];
                    grad[e] += g;
                }
                backend.copyIn(grad, params.get(i).grad());
            }
        }
        return new BatchLoss(sum, normaliser, loss.reduction());
    }
}
