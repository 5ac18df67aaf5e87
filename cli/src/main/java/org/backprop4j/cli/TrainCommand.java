package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.cli.data.TrainingData;
import org.backprop4j.cli.output.OutputDirectoryCheck;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.io.Checkpoint;
import org.backprop4j.nn.io.CheckpointFiles;
import org.backprop4j.nn.io.DataSource;
import org.backprop4j.nn.io.FileKind;
import org.backprop4j.nn.io.ModelFormatException;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.EpochResult;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.StopReason;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;
import org.backprop4j.nn.train.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j train}: trains a multilayer perceptron on a CSV file, a regression with the
 * MSE or a classifier with softmax cross-entropy by default (any loss that fits the task with
 * {@code --loss}, see {@link LossOption}), and writes a model directory (recording the loss and, for
 * a classifier, its head) and a loss-curve PNG. With a validation split it stops early
 * ({@code --patience}) and keeps the best epoch's weights; {@code --checkpoint-every} saves the run
 * so that {@code --resume} continues it exactly; Ctrl-C saves the best model so far and a checkpoint,
 * then exits 130 ({@link Interrupts}).
 *
 * <p>The defaults (two hidden layers of 128 with dropout 0.2, AdamW at 0.001 with weight decay 1,
 * batches of 64, at most 200 epochs with patience 20, 20% validation) were chosen by measuring held-out
 * data over several seeds and splits: see {@code DefaultsStudy} in the tests and the root README.
 *
 * <p>One seed decides everything random: a {@code SplittableRandom(seed)} gives, in this order,
 * the seed of the validation split, of the weight initialisation and of the training's shuffles and
 * dropout masks, so the same seed, data, options and dtype give the same run on every backend (up to
 * the rounding of each backend's arithmetic).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network on a CSV file (header row, numeric columns) and write a model directory.",
                "Features and regression targets are standardised with the training split's statistics, stored in "
                        + "model.json. Stops early when the validation loss stops falling and keeps the best epoch's "
                        + "weights. Prints progress, why it stopped and which epoch it kept, then training and "
                        + "validation MSE and R^2 (regression) or the loss and accuracy (--classify), and the time "
                        + "taken. Writes DIR/model.json, DIR/model.safetensors and DIR/" + TrainCommand.PLOT_FILE
                        + ", and with --checkpoint-every (or on Ctrl-C) DIR/checkpoint.json and "
                        + "DIR/checkpoint.safetensors, from which --resume continues the run.",
                "Ctrl-C stops after the current batch, saves the best model so far and a checkpoint, and exits 130."},
        footer = {"", "Examples:",
                "  backprop4j train --data data/diabetes.csv --target progression --out out/diabetes",
                "  backprop4j train --data data/digits.csv --target digit --classify --out out/digits",
                "  backprop4j train --data data/digits.csv --target digit --classify --epochs 6 --checkpoint-every 2 \\",
                "      --out out/digits",
                "  backprop4j train --resume out/digits --epochs 12",
                "  backprop4j train --spark 'local[2]' --data data/digits.csv --target digit --classify --out out/digits"})
public final class TrainCommand implements Callable<Integer> {
    /** The loss-curve file written into {@code --out}. */
    public static final String PLOT_FILE = "loss_curve.png";
    /** {@code --lr}'s default with {@code --optimizer adam}. */
    public static final double ADAM_LR = 0.001;
    /** {@code --lr}'s default with {@code --optimizer sgd}. */
    public static final double SGD_LR = 0.01;
    /**
     * {@code --weight-decay}'s default with {@code --optimizer adam} (decoupled, as AdamW); with sgd it is
     * 0, since the study measured adam only and SGD's L2 term of the same value is far stronger.
     */
    public static final double ADAM_WEIGHT_DECAY = 1;
    /** {@code --dropout}'s default, except with {@code --spark}, which trains without dropout. */
    public static final double DROPOUT = 0.2;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Training data: CSV with a header row (required "
            + "unless --resume).")
    Path data;

    @Option(names = "--target", split = ",", paramLabel = "COL",
            description = "Target column(s), comma-separated; every other column is an input (required unless --resume).")
    List<String> targets;

    @Option(names = "--classify",
            description = "Classification: the one target column holds integer class labels; the network outputs one "
                    + "logit per class, trained with softmax cross-entropy unless --loss says otherwise; reports accuracy.")
    boolean classify;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "The loss (mean reduction). Regression: mse (default), l1, huber. With --classify: "
                    + "cross_entropy (default), nll (adds a log_softmax layer), mse (one-hot targets, for comparison), "
                    + "bce_with_logits (two classes).")
    String loss;

    @Option(names = "--hidden", split = ",", paramLabel = "N", defaultValue = "128,128",
            description = "Hidden layer widths, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "After each hidden layer, with PyTorch's default parameters: identity, relu, leaky_relu, "
                    + "sigmoid, tanh, gelu, gelu_tanh, silu, elu or softplus (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout after each hidden activation, the probability of zeroing a value, in [0, 1); "
                    + "0 adds no dropout layer (default: " + DROPOUT + ", 0 with --spark).")
    Double dropout;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "200",
            description = "The most passes over the training split; early stopping may end sooner. With --resume, the "
                    + "run's new total (default: ${DEFAULT-VALUE}, or the resumed run's).")
    int epochs;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "20",
            description = "Early stopping: stop after N epochs without a lower validation loss and keep the weights of "
                    + "the best epoch; 0 turns it off; without a validation split there is none (default: "
                    + "${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64",
            description = "Rows per optimizer step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate (default: " + ADAM_LR + " for adam, " + SGD_LR + " for sgd).")
    Double lr;

    @Option(names = "--weight-decay", paramLabel = "X",
            description = "Weight decay: decoupled (AdamW: each step scales the weights by 1 - lr X) with adam, an L2 "
                    + "term X w in the gradient with sgd (default: " + ADAM_WEIGHT_DECAY + " for adam, 0 for sgd).")
    Double weightDecay;

    @Option(names = "--momentum", paramLabel = "M",
            description = "SGD momentum (default: 0.9; sgd only).")
    Double momentum;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seeds the validation split, the initial weights, the shuffling and dropout (default: "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of rows held out for validation and early stopping, in [0, 1) (default: "
                    + "${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Train on Apache Spark, one job per step, to the same weights (up to rounding): local[N], "
                    + "spark://HOST:PORT, yarn, k8s://...; without a value, the master spark-submit was given. "
                    + "Without dropout (--dropout defaults to 0), checkpoints, --resume or Ctrl-C's save.")
    String spark;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory to write the model and the loss curve into (created if missing), as a whole: "
                    + "a run that fails leaves what was there as it was (required unless --resume).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the model in --out if it holds one.")
    boolean overwrite;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Save the run into --out every N epochs (the best model so far, the optimizer, the "
                    + "early-stopping state, the data's hash and these flags) and at its end, so --resume can continue "
                    + "it; 0 saves none, except on Ctrl-C (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in DIR, writing there, up to --epochs (the run's own total when not "
                    + "given); every other flag comes from the run, and one given again must agree with it.")
    Path resume;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        TrainFlags flags;
        if (resume == null) {
            flags = givenFlags();
        } else {
            CheckpointFiles.Run run = readRun();
            flags = TrainFlags.fromMap(run.flags(), resume.resolve(CheckpointFiles.JSON).toString())
                    .resumedWith(givenFlags(), matchedOptions(), resume);
            if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
                throw new UsageException("--out " + out + " is not --resume " + resume
                        + "; a resumed run writes where it was saved");
            }
            out = resume;
            checkSameData(flags.data(), run.data());
        }
        check(flags);
        if (spark != null) {
            checkSpark(flags);
            SparkTraining.find().check(spark);
        }
        LossOption lossOption = LossOption.of(flags.loss(), flags.classify());
        long started = System.nanoTime();
        try (Interrupts interrupts = spark == null ? Interrupts.install(spec.commandLine().getErr())
                : Interrupts.none();
             TrainOutput output = new TrainOutput(out, OutputDirectoryCheck.prepare(out, overwrite || resume != null,
                     TrainOutput.EXTRA_FILES), epochs -> plotText(flags, lossOption))) {
            return train(flags, lossOption, output, interrupts, console, started);
        }
    }

    /** The settings the options give, defaults resolved. */
    private TrainFlags givenFlags() {
        if (resume == null && (data == null || targets == null || out == null)) {
            throw new UsageException("missing required option " + (data == null ? "--data FILE.csv"
                    : targets == null ? "--target COL" : "--out DIR") + " (or --resume DIR to continue a saved run)");
        }
        boolean sgd = optimizer.equals("sgd");
        String lossName = loss != null ? loss : LossOption.of(null, classify).loss().type().id(); // checked in call()
        return new TrainFlags(data == null ? Path.of("") : data, targets == null ? List.of() : targets, classify,
                lossName, hidden, activation, dropout != null ? dropout : spark != null ? 0 : DROPOUT, epochs, patience, batchSize, optimizer,
                lr != null ? lr : sgd ? SGD_LR : ADAM_LR, sgd ? Double.valueOf(momentum != null ? momentum : 0.9) : momentum,
                weightDecay != null ? weightDecay : sgd ? 0 : ADAM_WEIGHT_DECAY,
                dtype, seed, validation, checkpointEvery);
    }

    /** The options named on the command line, e.g. {@code --hidden}. */
    private Set<String> matchedOptions() {
        Set<String> names = new LinkedHashSet<>();
        spec.commandLine().getParseResult().matchedOptions().forEach(o -> names.add(o.longestName()));
        return names;
    }

    private CheckpointFiles.Run readRun() throws IOException {
        try {
            return CheckpointFiles.readRun(resume);
        } catch (NoSuchFileException e) {
            throw new UsageException("--resume " + resume + " holds no checkpoint (" + e.getFile() + " does not exist); "
                    + "a run saves one with --checkpoint-every N, or when Ctrl-C stops it", e);
        } catch (ModelFormatException e) {
            throw new UsageException("--resume " + resume + ": " + e.getMessage(), e);
        }
    }

    private static void checkSameData(Path data, DataSource recorded) throws IOException {
        DataSource now;
        try {
            now = DataSource.of(data);
        } catch (NoSuchFileException e) {
            throw new UsageException("the resumed run's data " + data + " does not exist; give its new place with --data",
                    e);
        }
        if (!now.sameContent(recorded)) {
            throw new UsageException("--data " + data + " changed since the run was saved: it trained on " + recorded.bytes()
                    + " bytes with SHA-256 " + recorded.sha256() + ", the file now has " + now.bytes()
                    + " bytes with SHA-256 " + now.sha256() + "; resume with the same data, or train anew");
        }
    }

    private int train(TrainFlags flags, LossOption lossOption, TrainOutput output, Interrupts interrupts,
                      PrintWriter console, long started) throws IOException {
        Activation hiddenActivation = hiddenActivation(flags.activation());
        DType type = DType.parse(flags.dtype());
        SplittableRandom seeds = new SplittableRandom(flags.seed());
        long splitSeed = seeds.nextLong();
        long initSeed = seeds.nextLong();
        long shuffleSeed = seeds.nextLong();
        TrainingData prepared = TrainingData.prepare(flags.data(), flags.targets(), flags.classify(),
                lossOption.targets() == LossOption.Targets.ONE_HOT, flags.validation(), splitSeed, type);
        // a checkpoint records the data's hash; a pipe's content cannot be read again, so it gets none
        DataSource source = FileKind.of(flags.data()) == FileKind.REGULAR_FILE ? DataSource.of(flags.data()) : null;
        if (source == null && flags.checkpointEvery() > 0) {
            throw new UsageException("--checkpoint-every needs --data in a regular file, to check it when the run is "
                    + "resumed; " + flags.data() + " " + FileKind.of(flags.data()).description());
        }
        Backend backend = main.global().selectBackend(); // after the cheap checks: a backend may load native code
        if (!backend.dtypes().contains(type)) {
            throw new UsageException("backend '" + backend.name() + "' does not support --dtype " + type
                    + "; it supports " + backend.dtypes());
        }
        Dataset training = prepared.training();
        Dataset held = prepared.validation();

        int outputs = flags.classify() ? lossOption.outputs(prepared.classes().labels().size(),
                prepared.classes().column()) : training.targetWidth();
        List<LayerSpec> layers = layers(flags, training.inputWidth(), outputs, hiddenActivation);
        layers.addAll(lossOption.last());
        MemoryEstimate need = MemoryEstimate.training(layers, type, flags.batchSize(),
                flags.optimizer().equals("adam") ? 5 : 2, prepared.bytes());
        if (!need.fitsIn(MemoryEstimate.jvmLimit())) {
            throw new UsageException("training " + widths(layers) + " on " + flags.data() + " "
                    + need.against(MemoryEstimate.jvmLimit()) + "; raise it with BACKPROP4J_JAVA_OPTS="
                    + need.suggestedXmx());
        }
        Sequential network = Sequential.build(backend, type, layers, initSeed);
        Optimizer opt = optimizer(flags, backend, network);
        int effectivePatience = held == null ? 0 : flags.patience();
        Trainer trainer = new Trainer(network, opt, lossOption.loss().create(backend),
                new TrainingConfig(flags.epochs(), flags.batchSize(), shuffleSeed, effectivePatience));
        Checkpoint resumed = resume == null ? null : readCheckpoint(network);
        if (resumed != null) {
            restore(trainer, resumed, flags);
        }
        String lossName = lossOption.loss().type().id();
        console.println(String.format(Locale.ROOT, "%s %s (%s%s) on %d rows, validating on %d; %s %s, %s, batch %d, "
                        + "%d epochs%s, seed %d, loss %s", resumed == null ? "training" : "resuming", widths(layers),
                hiddenActivation, flags.dropout() > 0 ? ", dropout " + flags.dropout() : "", training.size(),
                held == null ? 0 : held.size(), backend.name(), type, describeOptimizer(flags), flags.batchSize(),
                flags.epochs(), effectivePatience > 0 ? " (patience " + effectivePatience + ")" : "", flags.seed(),
                lossName));
        if (resumed != null) {
            console.println("from " + describePosition(resumed.state().position()) + " of the run saved in " + resume);
        }
        console.flush();

        Model description = new Model(prepared, lossOption, flags, source);
        long fitStart = System.nanoTime();
        History history;
        if (interrupts.requested()) {
            console.println("interrupted before training; nothing written");
            return ExitCodes.INTERRUPTED;
        }
        interrupts.onInterrupt(trainer::requestStop);
        try {
            history = spark == null ? trainer.fit(training, held, new Listener(new TrainingProgress(console,
                    System.console() != null), trainer, description, output)) : SparkTraining.find().fit(spark, network,
                    opt, lossOption.loss(), trainer.config(), training, held, new TrainingProgress(console,
                    System.console() != null), console);
        } catch (ArithmeticException e) { // the loss became NaN or infinite: the message says where
            throw new RunFailedException(e.getMessage(), e);
        }
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

        SavedModel model = description.saved(network);
        String header = flags.classify() ? String.format(Locale.ROOT, "%-12s %14s  %s", "", lossName, "accuracy")
                : String.format(Locale.ROOT, "%-12s %12s  %s", "", "MSE", "R^2");
        String trainingRow = flags.classify() ? TrainingMetrics.classifierRow("training", trainer, model, training)
                : TrainingMetrics.row("training", model, training);
        String validationRow = held == null ? null : flags.classify()
                ? TrainingMetrics.classifierRow("validation", trainer, model, held)
                : TrainingMetrics.row("validation", model, held);
        boolean interrupted = history.stopReason() == StopReason.INTERRUPTED;
        boolean checkpoint = (flags.checkpointEvery() > 0 || interrupted) && source != null;
        TrainingState end = trainer.state();
        output.write(model, history.epochs(), history.keptEpoch(), checkpoint ? description.checkpoint(end) : null);

        console.println(stopLine(history, effectivePatience, end.position()));
        console.println();
        console.println(header);
        console.println(trainingRow);
        if (validationRow != null) {
            console.println(validationRow);
        }
        long samples = history.epochs().stream().mapToLong(EpochResult::samples).sum();
        console.println(String.format(Locale.ROOT, "trained in %.1f s (%,.0f samples/s), %.1f s in all",
                fitSeconds, samples / Math.max(fitSeconds, 1e-9), (System.nanoTime() - started) / 1e9));
        console.println("wrote " + String.join(", ", TrainOutput.files(out, !history.epochs().isEmpty(), checkpoint)
                .stream().map(Path::toString).toList()));
        if (interrupted) {
            console.println(checkpoint ? "continue the run with: backprop4j train --resume " + out
                    : "no checkpoint: " + flags.data() + " is not a regular file, so a resumed run could not check it");
        }
        console.flush();
        return interrupted ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    private Checkpoint readCheckpoint(Sequential network) throws IOException {
        try {
            return CheckpointFiles.read(resume, network);
        } catch (ModelFormatException e) {
            throw new UsageException("--resume " + resume + ": " + e.getMessage(), e);
        }
    }

    /** Puts the trainer where the checkpoint is, or says why the run cannot continue. */
    private void restore(Trainer trainer, Checkpoint checkpoint, TrainFlags flags) {
        TrainingState state = checkpoint.state();
        TrainingState.Position at = state.position();
        if (state.stopReason() == StopReason.PATIENCE) {
            throw new UsageException("--resume " + resume + ": the run stopped early after epoch " + at.epoch()
                    + " (no lower validation loss in " + flags.patience() + " epochs; it kept epoch "
                    + state.earlyStopping().bestEpoch() + "), so it is finished; train anew to change its settings");
        }
        if (at.epoch() >= flags.epochs()) {
            throw new UsageException("--resume " + resume + ": the run has trained " + at.epoch() + " epochs and --epochs "
                    + "is " + flags.epochs() + "; give --epochs M with M > " + at.epoch() + " to train further");
        }
        try {
            trainer.restore(state);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--resume " + resume + ": " + e.getMessage(), e);
        }
    }

    private static String describePosition(TrainingState.Position at) {
        return at.batch() == 0 ? "the end of epoch " + at.epoch() : "batch " + at.batch() + " of epoch " + (at.epoch() + 1);
    }

    /**
     * The parts of the saved model and the checkpoint that do not change while it trains, and how
     * to make each from the network's weights.
     */
    private final class Model {
        final TrainingData data;
        final LossOption loss;
        final TrainFlags flags;
        final DataSource source;
        private Sequential snapshot;

        Model(TrainingData data, LossOption loss, TrainFlags flags, DataSource source) {
            this.data = data;
            this.loss = loss;
            this.flags = flags;
            this.source = source;
        }

        SavedModel saved(Sequential network) {
            return new SavedModel(network, data.normalization(), data.inputNames(), data.outputNames(), data.classes(),
                    loss.loss(), loss.head());
        }

        Checkpoint checkpoint(TrainingState state) {
            return new Checkpoint(state, source, flags.toMap());
        }

        /**
         * The model a run that stopped at {@code state} would keep: the best epoch's weights under early
         * stopping, else the current ones, in a second network of the same layers (built once).
         */
        SavedModel kept(Sequential network, TrainingState state) {
            if (snapshot == null) {
                snapshot = Sequential.build(network.backend(), network.dtype(), network.specs(), 0L);
            }
            snapshot.loadStateDict(state.bestWeights() != null ? state.bestWeights() : state.weights());
            return saved(snapshot);
        }
    }

    /** Progress, and a checkpoint every {@code --checkpoint-every} epochs. */
    private final class Listener implements TrainingListener {
        private final TrainingProgress progress;
        private final Trainer trainer;
        private final Model model;
        private final TrainOutput output;

        Listener(TrainingProgress progress, Trainer trainer, Model model, TrainOutput output) {
            this.progress = progress;
            this.trainer = trainer;
            this.model = model;
            this.output = output;
        }

        @Override
        public void onBatch(org.backprop4j.nn.train.BatchProgress p) {
            progress.onBatch(p);
        }

        @Override
        public void onEpoch(EpochResult result) {
            progress.onEpoch(result);
            int every = model.flags.checkpointEvery();
            if (every > 0 && result.epoch() % every == 0 && result.epoch() < result.epochs()) {
                TrainingState state = trainer.state();
                if (state.stopReason() == null) { // a run that stops now is saved once, at its end
                    try {
                        output.write(model.kept(trainer.model(), state), state.history(), state.earlyStopping() != null
                                && state.earlyStopping().bestEpoch() > 0 ? state.earlyStopping().bestEpoch()
                                : result.epoch(), model.checkpoint(state));
                    } catch (IOException e) {
                        throw new CheckpointFailedException(e);
                    }
                }
            }
        }
    }

    /** A checkpoint that could not be written, carried out of the listener. */
    private static final class CheckpointFailedException extends RunFailedException {
        private static final long serialVersionUID = 1L;

        CheckpointFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * e.g. {@code stopped after epoch 37/200: patience exhausted (no lower validation loss in 10 epochs); kept
     * epoch 27 (val_loss 0.4521)}.
     */
    static String stopLine(History history, int patience, TrainingState.Position at) {
        String where = history.stopReason() == StopReason.INTERRUPTED && at.batch() > 0
                ? "in epoch " + (at.epoch() + 1) + " (after batch " + at.batch() + ")"
                : history.epochs().isEmpty() ? "after epoch " + at.epoch()
                : "after epoch " + history.last().epoch() + "/" + history.last().epochs();
        String why = switch (history.stopReason()) {
            case EPOCHS_DONE -> "the epochs were done";
            case PATIENCE -> "patience exhausted (no lower validation loss in " + patience + " epochs)";
            case INTERRUPTED -> "interrupted";
        };
        String kept;
        if (history.keptEpoch() == 0) {
            kept = "kept the weights as they were when it stopped";
        } else if (patience > 0) {
            kept = String.format(Locale.ROOT, "kept epoch %d (lowest val_loss %.4f)", history.keptEpoch(),
                    history.kept().validationLoss());
        } else {
            kept = "kept epoch " + history.keptEpoch() + " (the last)";
        }
        return "stopped " + where + ": " + why + "; " + kept;
    }

    private TrainOutput.PlotText plotText(TrainFlags flags, LossOption lossOption) {
        return new TrainOutput.PlotText(flags.data().getFileName() + ": " + hiddenWidths(flags) + " "
                + flags.activation() + (flags.dropout() > 0 ? ", dropout " + flags.dropout() : "") + ", "
                + describeOptimizer(flags), lossOption.loss().type().id() + " loss"
                + (flags.classify() ? "" : " (standardised targets)"));
    }

    private static String hiddenWidths(TrainFlags flags) {
        return String.join(",", flags.hidden().stream().map(String::valueOf).toList()) + " hidden";
    }

    private static List<LayerSpec> layers(TrainFlags flags, int inputs, int outputs, Activation f) {
        List<LayerSpec> layers = new ArrayList<>();
        int width = inputs;
        for (int h : flags.hidden()) {
            layers.add(new LayerSpec.Linear(width, h, true));
            layers.add(LayerSpec.ActivationLayer.of(f));
            if (flags.dropout() > 0) {
                layers.add(new LayerSpec.Dropout(flags.dropout()));
            }
            width = h;
        }
        layers.add(new LayerSpec.Linear(width, outputs, true));
        return layers;
    }

    /** e.g. {@code 10 -> 64 -> 64 -> 1}. */
    private static String widths(List<LayerSpec> layers) {
        List<String> w = new ArrayList<>();
        for (LayerSpec s : layers) {
            if (s instanceof LayerSpec.Linear l) {
                if (w.isEmpty()) {
                    w.add(Integer.toString(l.in()));
                }
                w.add(Integer.toString(l.out()));
            }
        }
        return String.join(" -> ", w);
    }

    private static Optimizer optimizer(TrainFlags flags, Backend backend, Sequential network) {
        if (flags.optimizer().equals("adam")) { // AdamW: without weight decay, bitwise Adam
            Adam.Config pytorch = Adam.Config.of(flags.lr());
            return new AdamW(backend, network.parameters(), new Adam.Config(pytorch.lr(), pytorch.beta1(),
                    pytorch.beta2(), pytorch.eps(), flags.weightDecay(), false));
        }
        return new Sgd(backend, network.parameters(), new Sgd.Config(flags.lr(), flags.momentum(), 0,
                flags.weightDecay(), false));
    }

    private static String describeOptimizer(TrainFlags flags) {
        boolean adam = flags.optimizer().equals("adam");
        String decay = flags.weightDecay() == 0 ? "" : " weight decay " + flags.weightDecay() + (adam ? " (AdamW)" : "");
        return (adam ? "adam lr " + flags.lr() : "sgd lr " + flags.lr() + " momentum " + flags.momentum()) + decay;
    }

    /** The activation named as {@link Activation.Kind#toString()} names it, with PyTorch's default parameters. */
    private static Activation hiddenActivation(String name) {
        List<String> allowed = new ArrayList<>();
        for (Activation.Kind kind : Activation.Kind.values()) {
            if (kind.toString().equals(name)) {
                return Activation.of(kind);
            }
            allowed.add(kind.toString());
        }
        throw new UsageException("--activation '" + name + "' is not supported; allowed: " + String.join(", ", allowed));
    }

    /** What {@code --spark} does not do: dropout, checkpoints, resume. */
    private void checkSpark(TrainFlags flags) {
        if (flags.dropout() > 0) {
            throw new UsageException("--dropout " + flags.dropout() + " with --spark: the Spark trainer trains without "
                    + "dropout (its masks would depend on the partitions); use --dropout 0 or train on one machine");
        }
        if (resume != null || flags.checkpointEvery() > 0) {
            throw new UsageException((resume != null ? "--resume" : "--checkpoint-every " + flags.checkpointEvery())
                    + " with --spark: checkpoints and resume are for training on one machine");
        }
    }

    private void check(TrainFlags flags) {
        hiddenActivation(flags.activation());
        try {
            DType.parse(flags.dtype());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype '" + flags.dtype() + "' is not supported; allowed: float32, float64", e);
        }
        if (!flags.optimizer().equals("adam") && !flags.optimizer().equals("sgd")) {
            throw new UsageException("--optimizer '" + flags.optimizer() + "' is not supported; allowed: adam, sgd");
        }
        if (momentum != null && !flags.optimizer().equals("sgd")) {
            throw new UsageException("--momentum applies to --optimizer sgd only");
        }
        requireAtLeastOne("--epochs", flags.epochs());
        requireAtLeastOne("--batch-size", flags.batchSize());
        for (int h : flags.hidden()) {
            requireAtLeastOne("--hidden", h);
        }
        if (!(flags.lr() > 0 && Double.isFinite(flags.lr()))) {
            throw new UsageException("--lr (" + flags.lr() + ") must be a finite number > 0");
        }
        if (flags.momentum() != null) {
            requireInUnitInterval("--momentum", flags.momentum());
        }
        if (flags.patience() < 0) {
            throw new UsageException("--patience (" + flags.patience() + ") must be >= 0; 0 turns early stopping off");
        }
        requireInUnitInterval("--dropout", flags.dropout());
        if (!(flags.weightDecay() >= 0 && Double.isFinite(flags.weightDecay()))) {
            throw new UsageException("--weight-decay (" + flags.weightDecay() + ") must be a finite number >= 0");
        }
        requireInUnitInterval("--validation", flags.validation());
        if (flags.checkpointEvery() < 0) {
            throw new UsageException("--checkpoint-every (" + flags.checkpointEvery() + ") must be >= 0; 0 saves no "
                    + "checkpoint");
        }
    }

    /** {@code value} in {@code [0, 1)}; NaN is not. */
    private static void requireInUnitInterval(String option, double value) {
        if (!(value >= 0 && value < 1)) { // not "value < 0 || value >= 1": rejects NaN too
            throw new UsageException(option + " (" + value + ") must be in [0, 1)");
        }
    }

    private static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " (" + value + ") must be >= 1");
        }
    }
}
