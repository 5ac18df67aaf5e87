package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Optimizer;

/**
 * Mini-batch training of a {@link Sequential} with the mean squared error
 * ({@code torch.nn.MSELoss()}, mean reduction). Every step is PyTorch's loop:
 * <pre>
 *   for epoch in 1..epochs:
 *       for batch in MiniBatches (a fresh seeded shuffle per epoch):
 *           optimizer.zero_grad(); loss = mse(model(x), y); loss.backward(); optimizer.step()
 *       validation loss = mse over the validation rows, without updates
 * </pre>
 * The data stays in {@link Dataset}s of doubles; each batch is copied into tensors of the
 * model's backend and dtype (two sizes at most, reused across steps). Nothing here depends
 * on the backend, so the same seeds give the same run on every backend up to rounding.
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final MseLoss loss;
    private final List<BatchTensors> batchTensors = new ArrayList<>(2);

    /**
     * @param model     the network, trained in place
     * @param optimizer built over {@code model.parameters()}
     * @param config    epochs, batch size, shuffle seed
     */
    public Trainer(Sequential model, Optimizer optimizer, TrainingConfig config) {
        this.model = model;
        this.optimizer = optimizer;
        this.config = config;
        this.loss = new MseLoss(model.backend(), Reduction.MEAN);
    }

    public Sequential model() {
        return model;
    }

    /**
     * Trains for {@code config.epochs()} epochs, evaluating on {@code validation} after each.
     *
     * @param training   the rows to fit; widths must match the model
     * @param validation held-out rows of the same widths, or null for none
     * @param listener   told after every step and every epoch
     * @return the loss of every epoch
     * @throws IllegalArgumentException when a dataset's widths differ from the model's
     * @throws ArithmeticException      when a batch's loss is NaN or infinite (training diverged);
     *                                  the message names the epoch and batch
     */
    public History fit(Dataset training, Dataset validation, TrainingListener listener) {
        checkWidths("training", training);
        if (validation != null) {
            checkWidths("validation", validation);
        }
        MiniBatches batches = new MiniBatches(training.size(), config.batchSize(),
                new SplittableRandom(config.shuffleSeed()));
        List<EpochResult> epochs = new ArrayList<>(config.epochs());
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = batches.nextEpoch();
            double lossSum = 0;
            long seen = 0;
            for (int b = 0; b < batches.batchesPerEpoch(); b++) {
                int rows = batches.rowsInBatch(b);
                BatchTensors t = batchTensors(rows);
                training.gather(order, b * batches.batchSize(), rows, t.x, t.y);
                t.copyIn(model.backend());
                optimizer.zeroGrad();
                double l = loss.forward(model.forward(t.xt), t.yt);
                if (!Double.isFinite(l)) {
                    throw new ArithmeticException("training diverged: the loss of epoch " + epoch + ", batch "
                            + (b + 1) + " is " + l + "; try a smaller learning rate");
                }
                model.backwardParameters(loss.backward());
                optimizer.step();
                lossSum += l * rows;
                seen += rows;
                listener.onBatch(new BatchProgress(epoch, config.epochs(), b + 1, batches.batchesPerEpoch(), l,
                        lossSum / seen, seen, System.nanoTime() - start));
            }
            double validationLoss = validation == null ? Double.NaN : evaluate(validation);
            EpochResult result = new EpochResult(epoch, config.epochs(), lossSum / seen, validationLoss, seen,
                    System.nanoTime() - start);
            epochs.add(result);
            listener.onEpoch(result);
        }
        return new History(epochs);
    }

    /**
     * The MSE of the model on {@code data}: {@code sum((model(x) - y)^2) / (size * targetWidth)},
     * computed in batches of the configured size, in row order; no parameter changes.
     */
    public double evaluate(Dataset data) {
        checkWidths("evaluation", data);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double sum = 0;
        for (int from = 0; from < data.size(); from += config.batchSize()) {
            int rows = Math.min(config.batchSize(), data.size() - from);
            BatchTensors t = batchTensors(rows);
            data.gather(order, from, rows, t.x, t.y);
            t.copyIn(model.backend());
            sum += loss.forward(model.forward(t.xt), t.yt) * rows;
        }
        return sum / data.size();
    }

    private void checkWidths(String what, Dataset data) {
        if (data.inputWidth() != model.inputWidth() || data.targetWidth() != model.outputWidth()) {
            throw new IllegalArgumentException(what + " data has " + data.inputWidth() + " inputs and "
                    + data.targetWidth() + " targets per row; the model takes " + model.inputWidth()
                    + " inputs and gives " + model.outputWidth() + " outputs");
        }
    }

    private BatchTensors batchTensors(int rows) {
        for (BatchTensors t : batchTensors) {
            if (t.rows == rows) {
                return t;
            }
        }
        if (batchTensors.size() == 2) { // a full batch and one remainder cover training; evaluation may add more
            batchTensors.remove(1);
        }
        BatchTensors t = new BatchTensors(model.backend(), model.dtype(), rows, model.inputWidth(),
                model.outputWidth());
        batchTensors.add(t);
        return t;
    }

    /** Host arrays and device tensors for batches of one row count. */
    private static final class BatchTensors {
        final int rows;
        final double[] x;
        final double[] y;
        final Tensor xt;
        final Tensor yt;

        BatchTensors(Backend backend, DType dtype, int rows, int inputs, int outputs) {
            this.rows = rows;
            this.x = new double[rows * inputs];
            this.y = new double[rows * outputs];
            this.xt = backend.zeros(dtype, Shape.matrix(rows, inputs));
            this.yt = backend.zeros(dtype, Shape.matrix(rows, outputs));
        }

        void copyIn(Backend backend) {
            backend.copyIn(x, xt);
            backend.copyIn(y, yt);
        }
    }
}
