package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.layers.Dropout;
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
 *       for batch in MiniBatches (epoch's seeded shuffle):
 *           dropout layers reseeded for (epoch, batch)          (if there are any)
 *           optimizer.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); optimizer.step()
 *           scheduler.step()                                  (if there is one)
 *           stop here if requestStop() was called and batches remain
 *       model.eval(); validation loss = loss_fn over the validation rows, without updates; model.train()
 *       early stopping: a new lowest validation loss copies the weights; patience epochs without one stop
 *   the weights kept: the best epoch's under early stopping (copied back), else the last ones
 * </pre>
 * The batch's forward, loss and backward sit behind a {@link BatchStep} ({@link LocalBatchStep}
 * here), so a distributed implementation can compute the same batch's gradient elsewhere while
 * this loop, the validation, early stopping and the history stay the same; rows that are not in
 * this JVM at all come as {@link TrainingRows}, which do their batches' work themselves, with the same
 * loop. The data stays in {@link Dataset}s of doubles; targets are values (or class probabilities) of
 * the output's width, or one column of class indices for cross_entropy and nll. Nothing here depends
 * on the backend, so the same seeds give the same run on every backend up to rounding.
 *
 * <p>Losses over many batches: an epoch's training loss and the validation loss are the loss of
 * the whole set, added up batch by batch from each batch's sum {@code S} and normaliser {@code N}:
 * {@code sum S / sum N} for the mean reduction (for MSE, the mean over every element), {@code sum S}
 * for the sum. The training loss takes each batch as it was trained, so it lags the weights the
 * epoch ends with, as in Keras' history.
 *
 * <p>Early stopping ({@link TrainingConfig#patience()} {@code > 0} and validation rows): see
 * {@link EarlyStopping}. The best epoch's weights are copied (one copy of the parameters, on the
 * backend) whenever the validation loss improves, and put back when the run ends, whether its epochs
 * were done, its patience ran out or it was interrupted.
 *
 * <p>Saving and resuming: {@link #state()} between batches (in a listener) or after {@link #fit}
 * gives everything the following steps depend on, and {@link #restore} on a trainer built the same
 * way continues from it: the random numbers are functions of the seed and the position
 * ({@link TrainingRandom}), so a run saved after epoch 6 and resumed to epoch 12 takes bitwise the
 * steps of a run of 12 epochs on the same backend, and so does a run saved after any batch.
 *
 * <p>{@link #requestStop()}, from any thread (a signal handler), stops the run after the batch being
 * trained, as a finished run: the kept weights in the model, {@link StopReason#INTERRUPTED} in the
 * history, and a state that resumes where it stopped.
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final BatchStep step;
    private final TrainingConfig config;
    /** The network's dropout layers and their positions in it, reseeded before every batch. */
    private final List<Dropout> dropouts = new ArrayList<>();
    private final List<Integer> dropoutPositions = new ArrayList<>();
    private final EarlyStopping earlyStopping;
    private volatile boolean stopRequested;

    // where the run is
    private final List<EpochResult> history = new ArrayList<>();
    private int epoch;
    private int batch;
    private final Total partial = new Total();
    private long partialSamples;
    private StopReason stopReason;
    /** Copies of the best epoch's parameters (early stopping), made at its first improvement. */
    private List<Tensor> best;
    /** The last weights, set aside when the run ended by putting the best ones back into the model. */
    private List<Tensor> setAside;

    /**
     * Training with the MSE, mean reduction ({@code torch.nn.MSELoss()}).
     *
     * @param model     the network, trained in place
     * @param optimizer built over {@code model.parameters()}
     * @param config    epochs, batch size, seed, patience
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
     * @param config    epochs, batch size, seed, patience
     */
    public Trainer(Sequential model, Optimizer optimizer, LrScheduler scheduler, BatchStep step,
                   TrainingConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.scheduler = scheduler;
        this.step = Objects.requireNonNull(step, "step");
        this.config = Objects.requireNonNull(config, "config");
        this.earlyStopping = config.patience() > 0 ? new EarlyStopping(config.patience()) : null;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dropout d) {
                dropouts.add(d);
                dropoutPositions.add(i);
            }
        }
    }

    public Sequential model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Asks the run to stop after the batch being trained (or, between runs, after the first batch
     * of the next {@link #fit}). Safe to call from any thread, e.g. a signal handler; returns at once.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains from where this trainer is (epoch 1 for a new one, or where {@link #restore} put it)
     * up to {@code config.epochs()} epochs in training mode, evaluating on {@code validation} after
     * each in evaluation mode, unless early stopping or {@link #requestStop()} ends it first; the
     * model then holds the kept weights ({@link History#keptEpoch()}) and is left in the mode it had.
     * A run restored at or beyond {@code config.epochs()} epochs trains nothing and ends as if its
     * epochs had just been done.
     *
     * @param training   the rows to fit; widths must match the model and the loss
     * @param validation held-out rows of the same widths, or null for none (no early stopping then)
     * @param listener   told after every step and every epoch; an epoch's listener call comes after
     *                   early stopping has seen it, so {@link #state()} there includes it
     * @return every finished epoch's losses, the kept epoch and why the run stopped
     * @throws IllegalArgumentException when a dataset's widths do not fit, or a class index is not
     *                                  one of the model's outputs
     * @throws IllegalStateException    when this trainer's run has already ended (make a new trainer,
     *                                  or restore a state, to train again)
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
     * trainer's {@link BatchStep}: the same epochs, early stopping, stop request and state. The
     * dropout layers reseeded before every batch are this trainer's model's; rows that train
     * replicas of it seed those themselves.
     *
     * @param training   the rows to fit
     * @param validation held-out rows, or null for none (no early stopping then)
     * @param listener   told after every step and every epoch
     * @return every finished epoch's losses, the kept epoch and why the run stopped
     * @throws IllegalStateException when this trainer's run has already ended
     * @throws ArithmeticException   when a batch's loss is NaN or infinite, naming the epoch and batch
     */
    public History fit(TrainingRows training, TrainingRows validation, TrainingListener listener) {
        if (stopReason != null) {
            throw new IllegalStateException("this trainer's run has ended (" + stopReason.description() + " after epoch "
                    + epoch + "); make a new Trainer, or restore a saved state, to train again");
        }
        boolean wasTraining = model.isTraining();
        try {
            epochs(training, validation, listener);
            return finish(validation);
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

    private void epochs(TrainingRows training, TrainingRows validation, TrainingListener listener) {
        MiniBatches batches = new MiniBatches(training.size(), config.batchSize(), config.shuffleSeed());
        boolean early = earlyStopping != null && validation != null;
        while (epoch < config.epochs()) {
            int current = epoch + 1;
            long start = System.nanoTime();
            int[] order = batches.order(current);
            model.train();
            int count = batches.batchesPerEpoch();
            while (batch < count) {
                int b = batch;
                int rows = batches.rowsInBatch(b);
                for (int d = 0; d < dropouts.size(); d++) {
                    dropouts.get(d).reseed(TrainingRandom.dropout(config.shuffleSeed(), current, b,
                            dropoutPositions.get(d)));
                }
                optimizer.zeroGrad();
                BatchLoss loss = training.gradients(order, b * batches.batchSize(), rows);
                double l = loss.value();
                if (!Double.isFinite(l)) {
                    throw new ArithmeticException("training diverged: the loss of epoch " + current + ", batch "
                            + (b + 1) + " is " + l + "; try a smaller learning rate");
                }
                optimizer.step();
                if (scheduler != null) {
                    scheduler.step();
                }
                partial.add(loss);
                partialSamples += rows;
                batch = b + 1;
                listener.onBatch(new BatchProgress(current, config.epochs(), b + 1, count, l, partial.value(),
                        partialSamples, System.nanoTime() - start));
                if (stopRequested && batch < count) {
                    stopReason = StopReason.INTERRUPTED;
                    return;
                }
            }
            double validationLoss = validation == null ? Double.NaN : evaluate(validation);
            EpochResult result = new EpochResult(current, config.epochs(), partial.value(), validationLoss,
                    partialSamples, System.nanoTime() - start);
            history.add(result);
            epoch = current;
            batch = 0;
            partial.clear();
            partialSamples = 0;
            if (early) {
                if (earlyStopping.observe(current, validationLoss)) {
                    best = copyParameters(best);
                }
                if (earlyStopping.exhausted()) {
                    stopReason = StopReason.PATIENCE;
                }
            }
            listener.onEpoch(result);
            if (stopReason != null) {
                return;
            }
            if (stopRequested) {
                stopReason = StopReason.INTERRUPTED;
                return;
            }
        }
        stopReason = StopReason.EPOCHS_DONE;
    }

    /** Ends the run: the best weights back into the model under early stopping, and the history. */
    private History finish(TrainingRows validation) {
        int bestEpoch = earlyStopping == null || validation == null ? 0 : earlyStopping.bestEpoch();
        int kept;
        if (bestEpoch > 0) {
            setAside = copyParameters(setAside);
            List<Parameter> params = model.parameters();
            for (int i = 0; i < params.size(); i++) {
                model.backend().copy(best.get(i), params.get(i).value());
            }
            kept = bestEpoch;
        } else {
            kept = batch == 0 ? epoch : 0;
        }
        return new History(history, kept, stopReason);
    }

    /** Copies the parameters' values into {@code into}, or into new tensors on the backend when null. */
    private List<Tensor> copyParameters(List<Tensor> into) {
        Backend backend = model.backend();
        List<Parameter> params = model.parameters();
        List<Tensor> copies = into;
        if (copies == null) {
            copies = new ArrayList<>(params.size());
            for (Parameter p : params) {
                copies.add(backend.zeros(p.value().dtype(), p.value().shape()));
            }
        }
        for (int i = 0; i < params.size(); i++) {
            backend.copy(params.get(i).value(), copies.get(i));
        }
        return copies;
    }

    /**
     * A copy of everything the run's following steps depend on: call it between batches (from a
     * listener) or after {@link #fit}. Its weights are the current ones, not the kept ones the model
     * holds after a run that put the best epoch's back ({@link TrainingState#weights()}).
     */
    public TrainingState state() {
        Backend backend = model.backend();
        Map<String, double[]> weights = new LinkedHashMap<>();
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            Tensor t = setAside != null ? setAside.get(i) : params.get(i).value();
            weights.put(params.get(i).name(), backend.toDoubleArray(t));
        }
        Map<String, double[]> bestWeights = null;
        if (earlyStopping != null && earlyStopping.bestEpoch() > 0) {
            bestWeights = new LinkedHashMap<>();
            for (int i = 0; i < params.size(); i++) {
                bestWeights.put(params.get(i).name(), backend.toDoubleArray(best.get(i)));
            }
        }
        return new TrainingState(new TrainingState.Position(epoch, batch, partial.loss(), partialSamples), weights,
                optimizer.state(), scheduler == null ? -1 : scheduler.steps(),
                earlyStopping == null ? null : earlyStopping.state(), bestWeights, history, stopReason);
    }

    /**
     * Puts this trainer, its network, optimizer and schedule where {@code state} says, to continue
     * that run with {@link #fit}: built as the saved run's trainer was (network, optimizer and its
     * settings, schedule, loss, batch size, seed, patience), it then trains bitwise as that run
     * would have, up to this trainer's {@code config.epochs()}. A run that stopped for
     * {@link StopReason#PATIENCE} has ended and cannot continue; one whose epochs were done or that
     * was interrupted continues. {@code state} is not modified.
     *
     * @throws IllegalArgumentException when the state does not fit this trainer: other parameters, another
     *                                  optimizer, a schedule or early stopping where this trainer has none
     *                                  (or the reverse), or a run that stopped for patience
     */
    public void restore(TrainingState state) {
        if (state.stopReason() == StopReason.PATIENCE) {
            throw new IllegalArgumentException("the saved run stopped early after epoch " + state.position().epoch()
                    + " (" + StopReason.PATIENCE.description() + "; best epoch "
                    + state.earlyStopping().bestEpoch() + "); it has ended and cannot continue");
        }
        if ((state.schedulerSteps() >= 0) != (scheduler != null)) {
            throw new IllegalArgumentException("the saved run had " + (scheduler == null ? "a" : "no")
                    + " learning-rate schedule; this trainer has " + (scheduler == null ? "none" : "one"));
        }
        if ((state.earlyStopping() != null) != (earlyStopping != null)) {
            throw new IllegalArgumentException("the saved run had early stopping " + (earlyStopping == null ? "on"
                    : "off") + "; this trainer has it " + (earlyStopping == null ? "off" : "on"));
        }
        model.loadStateDict(state.weights());
        optimizer.restore(state.optimizer());
        if (scheduler != null) {
            scheduler.restore(state.schedulerSteps());
        }
        if (earlyStopping != null) {
            earlyStopping.restore(state.earlyStopping());
            if (state.bestWeights() != null) {
                Backend backend = model.backend();
                List<Parameter> params = model.parameters();
                best = copyParameters(best);
                for (int i = 0; i < params.size(); i++) {
                    double[] values = state.bestWeights().get(params.get(i).name());
                    if (values == null || values.length != params.get(i).value().shape().size()) {
                        throw new IllegalArgumentException("the saved best weights lack parameter '"
                                + params.get(i).name() + "' " + params.get(i).value().shape());
                    }
                    backend.copyIn(values, best.get(i));
                }
            }
        }
        history.clear();
        for (EpochResult r : state.history()) {
            history.add(new EpochResult(r.epoch(), config.epochs(), r.trainingLoss(), r.validationLoss(), r.samples(),
                    r.nanos()));
        }
        TrainingState.Position p = state.position();
        epoch = p.epoch();
        batch = p.batch();
        partial.set(p.partial());
        partialSamples = p.samples();
        stopReason = null;
        setAside = null;
        stopRequested = false;
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
            return loss().value();
        }

        BatchLoss loss() {
            return new BatchLoss(sum, normaliser, reduction);
        }

        void set(BatchLoss loss) {
            sum = loss.sum();
            normaliser = loss.normaliser();
            reduction = loss.reduction();
        }

        void clear() {
            set(new BatchLoss(0, 0, Reduction.MEAN));
        }
    }
}
