package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Loss;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;

/**
 * Mini-batch training of a {@link Sequential} with a {@link Loss}. Every step is PyTorch's loop:
 * <pre>
 *   model.train()
 *   for epoch in 1..epochs:
 *       for batch in MiniBatches (a fresh seeded shuffle per epoch):
 *           optimizer.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); optimizer.step()
 *           scheduler.step()                                  (if there is one)
 *       model.eval(); validation loss = loss_fn over the validation rows, without updates; model.train()
 * </pre>
 * The batch's forward, loss and backward sit behind a {@link BatchStep} ({@link LocalBatchStep}
 * here), so a distributed implementation can compute the same batch's gradient elsewhere while
 * this loop, the validation and the history stay the same; rows that are not in this JVM at all
 * come as {@link TrainingRows}, which do their batches' work themselves. The data stays in
 * {@link Dataset}s of doubles; targets are values (or class probabilities) of the output's width,
 * or one column of class indices for cross_entropy and nll. Nothing here depends on the backend,
 * so the same seeds give the same run on every backend up to rounding.
 *
 * <p>Losses over many batches: an epoch's training loss and the validation loss are the loss of
 * the whole set, added up batch by batch from each batch's sum {@code S} and normaliser {@code N}:
 * {@code sum S / sum N} for the mean reduction (for MSE, the mean over every element), {@code sum S}
 * for the sum. The training loss takes each batch as it was trained, so it lags the weights the
 * epoch ends with, as in Keras' history.
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final BatchStep step;
    private final TrainingConfig config;

    /**
     * Training with the MSE, mean reduction ({@code torch.nn.MSELoss()}).
     *
     * @param model     the network, trained in place
     * @param optimizer built over {@code model.parameters()}
     * @param config    epochs, batch size, shuffle seed
     */
    public Trainer(Sequential model, Optimizer optimizer, TrainingConfig config) {
        this(model, optimizer, new MseLoss(model.backend(), Reduction.MEAN), config);
    }

    /** Training with {@code loss}, computed on this machine ({@link LocalBatchStep}). */
    public Trainer(Sequential model, Optimizer optimizer, Loss loss, TrainingConfig config) {
        this(model, optimizer, null, new LocalBatchStep(model, loss), config);
    }

    /**
     * @param model     the network, trained in place (its parameters' gradients are what {@code step} fills)
     * @param optimizer built over {@code model.parameters()}
     * @param scheduler stepped once after every optimizer step, or null for a constant learning rate
     * @param step      computes each batch's loss and gradient
     * @param config    epochs, batch size, shuffle seed
     */
    public Trainer(Sequential model, Optimizer optimizer, LrScheduler scheduler, BatchStep step,
                   TrainingConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.scheduler = scheduler;
        this.step = Objects.requireNonNull(step, "step");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Sequential model() {
        return model;
    }

    /**
     * Trains for {@code config.epochs()} epochs in training mode, evaluating on {@code validation}
     * after each in evaluation mode; the model is left in the mode it had before.
     *
     * @param training   the rows to fit; widths must match the model and the loss
     * @param validation held-out rows of the same widths, or null for none
     * @param listener   told after every step and every epoch
     * @return the loss of every epoch
     * @throws IllegalArgumentException when a dataset's widths do not fit, or a class index is not
     *                                  one of the model's outputs
     * @throws ArithmeticException      when a batch's loss is NaN or infinite (training diverged);
     *                                  the message names the epoch and batch
     */
    public History fit(Dataset training, Dataset validation, TrainingListener listener) {
        step.checkWidths("training", training);
        if (validation != null) {
            step.checkWidths("validation", validation);
        }
        return fit(rows(training), validation == null ? null : rows(validation), listener);
    }

    /**
     * As {@link #fit(Dataset, Dataset, TrainingListener)}, for rows held elsewhere (a cluster's
     * partitions) that do their own batch work, and checked their own widths, instead of this
     * trainer's {@link BatchStep}.
     *
     * @param training   the rows to fit
     * @param validation held-out rows, or null for none
     * @param listener   told after every step and every epoch
     * @return the loss of every epoch
     * @throws ArithmeticException when a batch's loss is NaN or infinite, naming the epoch and batch
     */
    public History fit(TrainingRows training, TrainingRows validation, TrainingListener listener) {
        boolean wasTraining = model.isTraining();
        try {
            return epochs(training, validation, listener);
        } finally {
            if (wasTraining) {
                model.train();
            } else {
                model.eval();
            }
        }
    }

    /** {@code data} with this trainer's step doing the work of its batches. */
    private TrainingRows rows(Dataset data) {
        return new TrainingRows() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public BatchLoss gradients(int[] order, int from, int rows) {
                return step.gradients(data, order, from, rows);
            }

            @Override
            public BatchLoss loss(int[] order, int from, int rows) {
                return step.loss(data, order, from, rows);
            }
        };
    }

    private History epochs(TrainingRows training, TrainingRows validation, TrainingListener listener) {
        MiniBatches batches = new MiniBatches(training.size(), config.batchSize(),
                new SplittableRandom(config.shuffleSeed()));
        List<EpochResult> epochs = new ArrayList<>(config.epochs());
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = batches.nextEpoch();
            Total total = new Total();
            long seen = 0;
            model.train();
            for (int b = 0; b < batches.batchesPerEpoch(); b++) {
                int rows = batches.rowsInBatch(b);
                optimizer.zeroGrad();
                BatchLoss batch = training.gradients(order, b * batches.batchSize(), rows);
                double l = batch.value();
                if (!Double.isFinite(l)) {
                    throw new ArithmeticException("training diverged: the loss of epoch " + epoch + ", batch "
                            + (b + 1) + " is " + l + "; try a smaller learning rate");
                }
                optimizer.step();
                if (scheduler != null) {
                    scheduler.step();
                }
                total.add(batch);
                seen += rows;
                listener.onBatch(new BatchProgress(epoch, config.epochs(), b + 1, batches.batchesPerEpoch(), l,
                        total.value(), seen, System.nanoTime() - start));
            }
            double validationLoss = validation == null ? Double.NaN : evaluate(validation);
            EpochResult result = new EpochResult(epoch, config.epochs(), total.value(), validationLoss, seen,
                    System.nanoTime() - start);
            epochs.add(result);
            listener.onEpoch(result);
        }
        return new History(epochs);
    }

    /**
     * The training loss of the model on {@code data}, in evaluation mode: {@code sum S / sum N}
     * over batches of the configured size, in row order (for the mean reduction; {@code sum S} for
     * the sum), as the class comment says. No parameter changes; the model is left in evaluation mode.
     */
    public double evaluate(Dataset data) {
        step.checkWidths("evaluation", data);
        return evaluate(rows(data));
    }

    /** As {@link #evaluate(Dataset)}, for rows held elsewhere ({@link TrainingRows}). */
    public double evaluate(TrainingRows data) {
        model.eval();
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Total total = new Total();
        for (int from = 0; from < data.size(); from += config.batchSize()) {
            total.add(data.loss(order, from, Math.min(config.batchSize(), data.size() - from)));
        }
        return total.value();
    }

    /** The loss of several batches from their sums and normalisers. */
    private static final class Total {
        private double sum;
        private double normaliser;
        private Reduction reduction = Reduction.MEAN;

        void add(BatchLoss batch) {
            sum += batch.sum();
            normaliser += batch.normaliser();
            reduction = batch.reduction();
        }

        double value() {
            return new BatchLoss(sum, normaliser, reduction).value();
        }
    }
}
