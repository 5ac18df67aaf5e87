package org.backprop4j.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.LocalBatchStep;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;

/**
 * Synchronous data-parallel training on Apache Spark with the exact mini-batch gradient: the same
 * steps as the one-machine {@link Trainer} with the same model, optimizer, loss and configuration,
 * with the rows on a cluster. The epoch loop, the seeded mini-batch order, validation, listeners
 * and history are {@link Trainer}'s own; only each batch's forward and backward run on the
 * executors:
 * <pre>
 *   per step:  broadcast the weights
 *              each partition p: S_p, N_p, dS_p/dtheta over its rows of the batch (SUM-reduced loss)
 *              driver: collect, check every partition answered and the row counts add up to the batch,
 *                      add in partition order, divide once by N = sum N_p (mean), step the optimizer
 * </pre>
 * so the weights equal the one-machine run's up to the rounding of adding the shards (float64: a
 * few ulps per step; the tests hold them to 1e-12 relative), and are bitwise the same
 * from run to run, whatever the order tasks finish in and whether tasks were retried. Optimizer
 * state stays on the driver. Rows keep stable ids (their place in partition order), and each step's
 * batch is the ids the seeded shuffle gives, sent with the tasks, so a retried task sees the same rows.
 *
 * <p>Backends: the model's backend, by name, is resolved on each executor through ServiceLoader;
 * where it is unavailable the first step fails with an {@link ExecutorBackendException} naming the
 * executor and the probe result; no executor silently uses another backend. Each task's backend
 * may use {@code spark.task.cpus} threads.
 *
 * <p>Not supported: dropout (its masks would depend on how the rows fall into partitions; a
 * model with a dropout layer of {@code p > 0} is rejected). The model is trained in place on the
 * driver; write it with {@link org.backprop4j.nn.io.ModelDirectory} as after one-machine training.
 */
public final class SparkTrainer {
    private final Sequential model;
    private final LossSpec loss;
    private final Trainer trainer;

    /** Without a learning-rate schedule. */
    public SparkTrainer(Sequential model, Optimizer optimizer, LossSpec loss, TrainingConfig config) {
        this(model, optimizer, null, loss, config);
    }

    /**
     * @param model     the network, trained in place on the driver; its backend is the one every executor uses
     * @param optimizer built over {@code model.parameters()}; its state stays on the driver
     * @param scheduler stepped once after every optimizer step, or null for a constant learning rate
     * @param loss      the loss, made on each executor from this description
     * @param config    epochs, batch size, shuffle seed, as for {@link Trainer}
     * @throws IllegalArgumentException for a model with a dropout layer of {@code p > 0}
     */
    public SparkTrainer(Sequential model, Optimizer optimizer, LrScheduler scheduler, LossSpec loss,
                        TrainingConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        List<LayerSpec> specs = model.specs();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) instanceof LayerSpec.Dropout d && d.p() > 0) {
                throw new IllegalArgumentException("layer " + i + " is dropout with p = " + d.p() + "; SparkTrainer "
                        + "trains models without dropout (p = 0), since its masks would depend on the partitions");
            }
        }
        this.trainer = new Trainer(model, optimizer, scheduler, new LocalBatchStep(model, loss.create(model.backend())),
                config);
    }

    /** The one-machine trainer over the same model, optimizer and loss: for data on the driver ({@code evaluate}). */
    public Trainer trainer() {
        return trainer;
    }

    /**
     * Trains on {@code training}'s rows for the configured epochs, evaluating on {@code validation}
     * after each, as {@link Trainer#fit}. The rows are packed and cached for the run (one job) and
     * released after it; each step is one job.
     *
     * @param training   rows whose widths fit the model and the loss (see {@link Example})
     * @param validation held-out rows, or null for none
     * @param listener   told after every step and every epoch, on the driver
     * @return the loss of every epoch
     * @throws IllegalArgumentException       when the data is empty or its widths do not fit
     * @throws ExecutorBackendException       when an executor cannot run the model's backend
     * @throws ArithmeticException            when a batch's loss is NaN or infinite
     */
    public History fit(JavaRDD<Example> training, JavaRDD<Example> validation, TrainingListener listener) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(training.context());
        ModelDescription description = ModelDescription.of(model, loss,
                context.getConf().getInt("spark.task.cpus", 1));
        RowBlocks trainingRows = rows(training, "training");
        RowBlocks validationRows = null;
        SparkRows trainingSteps = new SparkRows(context, trainingRows, model, description, loss.reduction());
        SparkRows validationSteps = null;
        try {
            if (validation != null) {
                validationRows = rows(validation, "validation");
                validationSteps = new SparkRows(context, validationRows, model, description, loss.reduction());
            }
            return trainer.fit(trainingSteps, validationSteps, listener);
        } finally {
            trainingSteps.release();
            trainingRows.release();
            if (validationSteps != null) {
                validationSteps.release();
                validationRows.release();
            }
        }
    }

    /**
     * As {@link #fit(JavaRDD, JavaRDD, TrainingListener)}, on the rows of data frames: {@code columns}
     * says which columns are inputs and which targets.
     *
     * @throws IllegalArgumentException when a column is missing or not numeric (see {@link ExampleColumns})
     */
    public History fit(Dataset<Row> training, Dataset<Row> validation, ExampleColumns columns,
                       TrainingListener listener) {
        return fit(columns.examples(training), validation == null ? null : columns.examples(validation), listener);
    }

    /**
     * The loss of the model on {@code data}, in evaluation mode, as {@link Trainer#evaluate}: batches
     * of the configured size in row order, one job each.
     */
    public double evaluate(JavaRDD<Example> data) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(data.context());
        RowBlocks rows = rows(data, "evaluation");
        SparkRows steps = new SparkRows(context, rows, model, ModelDescription.of(model, loss,
                context.getConf().getInt("spark.task.cpus", 1)), loss.reduction());
        try {
            return trainer.evaluate(steps);
        } finally {
            steps.release();
            rows.release();
        }
    }

    private RowBlocks rows(JavaRDD<Example> data, String what) {
        RowBlocks rows = RowBlocks.of(data, what);
        int targets = loss.takesClassIndices() && rows.targetWidth() == 1 ? 1 : model.outputWidth();
        if (rows.inputWidth() != model.inputWidth() || rows.targetWidth() != targets) {
            rows.release();
            throw new IllegalArgumentException(what + " data has " + rows.inputWidth() + " inputs and "
                    + rows.targetWidth() + " targets per row; the model takes " + model.inputWidth()
                    + " inputs and gives " + model.outputWidth() + " outputs"
                    + (loss.takesClassIndices() ? ", and " + loss.type()
                    + " takes one target column of class indices or one per output" : ""));
        }
        return rows;
    }
}
