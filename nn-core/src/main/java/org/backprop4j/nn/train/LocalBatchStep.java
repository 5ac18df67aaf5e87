package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Loss;

/**
 * A batch's work on this machine, on the model's backend: copy the rows into tensors (two batch
 * sizes' worth at most, reused), forward, loss, and for {@link #gradients} the backward pass
 * ({@link Sequential#backwardParameters}: no input gradient). Targets: for a loss that takes class
 * indices (cross_entropy, nll), a dataset with one target column holds the class index of each row,
 * copied into a {@code [rows]} tensor; otherwise {@code [rows, outputs]} values (or class
 * probabilities). The model's training or evaluation mode is the caller's to set.
 */
public final class LocalBatchStep implements BatchStep {
    private final Sequential model;
    private final Loss loss;
    private final List<BatchTensors> batchTensors = new ArrayList<>(2);

    public LocalBatchStep(Sequential model, Loss loss) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The loss it computes. */
    public Loss loss() {
        return loss;
    }

    @Override
    public BatchLoss gradients(Dataset data, int[] order, int from, int rows) {
        BatchTensors t = load(data, order, from, rows);
        loss.forward(model.forward(t.xt), t.yt);
        model.backwardParameters(loss.backward());
        return new BatchLoss(loss.sum(), loss.normaliser(), loss.reduction());
    }

    @Override
    public BatchLoss loss(Dataset data, int[] order, int from, int rows) {
        BatchTensors t = load(data, order, from, rows);
        loss.forward(model.forward(t.xt), t.yt);
        return new BatchLoss(loss.sum(), loss.normaliser(), loss.reduction());
    }

    @Override
    public void checkWidths(String what, Dataset data) {
        boolean indices = classIndices(data);
        int targets = indices ? 1 : model.outputWidth();
        if (data.inputWidth() != model.inputWidth() || data.targetWidth() != targets) {
            throw new IllegalArgumentException(what + " data has " + data.inputWidth() + " inputs and "
                    + data.targetWidth() + " targets per row; the model takes " + model.inputWidth()
                    + " inputs and gives " + model.outputWidth() + " outputs"
                    + (loss.spec().takesClassIndices() ? ", and " + loss.spec().type()
                    + " takes one target column of class indices or one per output" : ""));
        }
    }

    /** Whether the targets of {@code data} are class indices: one column, for a loss that takes them. */
    private boolean classIndices(Dataset data) {
        return loss.spec().takesClassIndices() && data.targetWidth() == 1;
    }

    private BatchTensors load(Dataset data, int[] order, int from, int rows) {
        BatchTensors t = batchTensors(rows, classIndices(data));
        data.gather(order, from, rows, t.x, t.y);
        model.backend().copyIn(t.x, t.xt);
        model.backend().copyIn(t.y, t.yt);
        return t;
    }

    private BatchTensors batchTensors(int rows, boolean indices) {
        for (BatchTensors t : batchTensors) {
            if (t.rows == rows && t.indices == indices) {
                return t;
            }
        }
        if (batchTensors.size() == 2) { // a full batch and one remainder cover training; evaluation may add more
            batchTensors.remove(1);
        }
        BatchTensors t = new BatchTensors(model.backend(), model.dtype(), rows, model.inputWidth(),
                indices ? 0 : model.outputWidth());
        batchTensors.add(t);
        return t;
    }

    /** Host arrays and device tensors for batches of one row count; {@code outputs == 0}: a class index per row. */
    private static final class BatchTensors {
        final int rows;
        final boolean indices;
        final double[] x;
        final double[] y;
        final Tensor xt;
        final Tensor yt;

        BatchTensors(Backend backend, DType dtype, int rows, int inputs, int outputs) {
            this.rows = rows;
            this.indices = outputs == 0;
            this.x = new double[rows * inputs];
            this.y = new double[rows * Math.max(outputs, 1)];
            this.xt = backend.zeros(dtype, Shape.matrix(rows, inputs));
            this.yt = backend.zeros(dtype, indices ? Shape.vector(rows) : Shape.matrix(rows, outputs));
        }
    }
}
