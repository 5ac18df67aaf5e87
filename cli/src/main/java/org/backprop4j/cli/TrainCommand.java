package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.cli.data.TrainingData;
import org.backprop4j.cli.output.OutputDirectoryCheck;
import org.backprop4j.cli.plot.LossCurvePlot;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.ModelDirectoryWriter;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j train}: trains a multilayer perceptron on a CSV file, a regression with the
 * MSE or a classifier with softmax cross-entropy by default (any loss that fits the task with
 * {@code --loss}, see {@link LossOption}), and writes a model directory (recording the loss and, for
 * a classifier, its head) and a loss-curve PNG.
 *
 * <p>One seed decides everything random: a {@code SplittableRandom(seed)} gives, in this order,
 * the seed of the validation split, of the weight initialisation and of the per-epoch shuffle,
 * so the same seed, data, options and dtype give the same run on every backend (up to the
 * rounding of each backend's arithmetic).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network on a CSV file (header row, numeric columns) and write a model directory.",
                "Features and regression targets are standardised with the training split's statistics, stored in "
                        + "model.json. Prints progress, then training and validation MSE and R^2 (regression) or the "
                        + "loss and accuracy (--classify), and the time taken. Writes DIR/model.json, "
                        + "DIR/model.safetensors and DIR/" + TrainCommand.PLOT_FILE + "."},
        footer = {"", "Examples:",
                "  backprop4j train --data data/diabetes.csv --target progression \\",
                "      --hidden 32 --epochs 40 --out out/diabetes",
                "  backprop4j train --data data/digits.csv --target digit --classify --out out/digits",
                "  backprop4j train --spark 'local[2]' --data data/digits.csv --target digit --classify --out out/digits"})
public final class TrainCommand implements Callable<Integer> {
    /** The loss-curve file written into {@code --out}. */
    public static final String PLOT_FILE = "loss_curve.png";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Training data: CSV with a header row.")
    Path data;

    @Option(names = "--target", required = true, split = ",", paramLabel = "COL",
            description = "Target column(s), comma-separated; every other column is an input.")
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

    @Option(names = "--hidden", split = ",", paramLabel = "N", defaultValue = "64,64",
            description = "Hidden layer widths, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "After each hidden layer, with PyTorch's default parameters: identity, relu, leaky_relu, "
                    + "sigmoid, tanh, gelu, gelu_tanh, silu, elu or softplus (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30",
            description = "Passes over the training split (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32",
            description = "Rows per optimizer step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate (default: 0.001 for adam, 0.01 for sgd).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "M",
            description = "SGD momentum (default: 0.9; sgd only).")
    Double momentum;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seeds the validation split, the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of rows held out for validation, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Train on Apache Spark, one job per step, to the same weights (up to rounding): local[N], "
                    + "spark://HOST:PORT, yarn, k8s://...; without a value, the master spark-submit was given.")
    String spark;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the model and the loss curve into (created if missing), as a whole: "
                    + "a run that fails leaves what was there as it was.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the model in --out if it holds one.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        Activation hiddenActivation = hiddenActivation();
        DType type = dtype();
        checkNumbers();
        if (spark != null) {
            SparkTraining.find().check(spark);
        }
        LossOption lossOption = LossOption.of(loss, classify);
        long started = System.nanoTime();
        try (ModelDirectoryWriter writer = OutputDirectoryCheck.prepare(out, overwrite, PLOT_FILE)) {
            return train(writer, console, hiddenActivation, type, lossOption, started);
        }
    }

    private int train(ModelDirectoryWriter writer, PrintWriter console, Activation hiddenActivation, DType type,
                      LossOption lossOption, long started) throws IOException {
        SplittableRandom seeds = new SplittableRandom(seed);
        long splitSeed = seeds.nextLong();
        long initSeed = seeds.nextLong();
        long shuffleSeed = seeds.nextLong();
        TrainingData prepared = TrainingData.prepare(data, targets, classify,
                lossOption.targets() == LossOption.Targets.ONE_HOT, validation, splitSeed, type);
        Backend backend = main.global().selectBackend(); // after the cheap checks: a backend may load native code
        if (!backend.dtypes().contains(type)) {
            throw new UsageException("backend '" + backend.name() + "' does not support --dtype " + type
                    + "; it supports " + backend.dtypes());
        }
        Normalization normalization = prepared.normalization();
        Dataset training = prepared.training();
        Dataset held = prepared.validation();

        int outputs = classify ? lossOption.outputs(prepared.classes().labels().size(), prepared.classes().column())
                : training.targetWidth();
        List<LayerSpec> layers = layers(training.inputWidth(), outputs, hiddenActivation);
        layers.addAll(lossOption.last());
        MemoryEstimate need = MemoryEstimate.training(layers, type, batchSize, optimizer.equals("adam") ? 5 : 2,
                prepared.bytes());
        if (!need.fitsIn(MemoryEstimate.jvmLimit())) {
            throw new UsageException("training " + widths(layers) + " on " + data + " " + need.against(MemoryEstimate.jvmLimit())
                    + "; raise it with BACKPROP4J_JAVA_OPTS=" + need.suggestedXmx());
        }
        Sequential network = Sequential.build(backend, type, layers, initSeed);
        Optimizer opt = optimizer(backend, network);
        String lossName = lossOption.loss().type().id();
        console.println(String.format(Locale.ROOT, "training %s (%s) on %d rows, validating on %d; %s %s, %s, batch %d, "
                        + "%d epochs, seed %d, loss %s", widths(layers), hiddenActivation, training.size(),
                held == null ? 0 : held.size(), backend.name(), type, describeOptimizer(), batchSize, epochs, seed,
                lossName));
        console.flush();

        long fitStart = System.nanoTime();
        TrainingConfig config = new TrainingConfig(epochs, batchSize, shuffleSeed);
        Trainer trainer = new Trainer(network, opt, lossOption.loss().create(backend), config);
        TrainingProgress progress = new TrainingProgress(console, System.console() != null);
        History history;
        try {
            history = spark == null ? trainer.fit(training, held, progress) : SparkTraining.find().fit(spark,
                    network, opt, lossOption.loss(), config, training, held, progress, console);
        } catch (ArithmeticException e) { // the loss became NaN or infinite: the message says where
            throw new RunFailedException(e.getMessage(), e);
        }
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

        SavedModel model = new SavedModel(network, normalization, prepared.inputNames(), prepared.outputNames(),
                prepared.classes(), lossOption.loss(), lossOption.head());
        String header = classify ? String.format(Locale.ROOT, "%-12s %14s  %s", "", lossName, "accuracy")
                : String.format(Locale.ROOT, "%-12s %12s  %s", "", "MSE", "R^2");
        String trainingRow = classify ? TrainingMetrics.classifierRow("training", trainer, model, training)
                : TrainingMetrics.row("training", model, training);
        String validationRow = held == null ? null : classify
                ? TrainingMetrics.classifierRow("validation", trainer, model, held)
                : TrainingMetrics.row("validation", model, held);
        writer.writeModel(model);
        writer.writeFile(PLOT_FILE, stream -> LossCurvePlot.write(stream, data.getFileName() + ": " + widths(layers)
                + " " + hiddenActivation + ", " + describeOptimizer(), lossName + " loss"
                + (classify ? "" : " (standardised targets)"), history.trainingLosses(), history.validationLosses()));
        writer.commit();
        Path plot = out.resolve(PLOT_FILE);

        console.println();
        console.println(header);
        console.println(trainingRow);
        if (validationRow != null) {
            console.println(validationRow);
        }
        long samples = (long) training.size() * epochs;
        console.println(String.format(Locale.ROOT, "trained in %.1f s (%,.0f samples/s), %.1f s in all",
                fitSeconds, samples / Math.max(fitSeconds, 1e-9), (System.nanoTime() - started) / 1e9));
        console.println("wrote " + out.resolve(ModelDirectory.MODEL_JSON) + ", " + out.resolve(ModelDirectory.WEIGHTS)
                + ", " + plot);
        console.flush();
        return ExitCodes.OK;
    }

    private List<LayerSpec> layers(int inputs, int outputs, Activation f) {
        List<LayerSpec> layers = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            layers.add(new LayerSpec.Linear(width, h, true));
            layers.add(LayerSpec.Act.of(f));
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

    private Optimizer optimizer(Backend backend, Sequential network) {
        if (optimizer.equals("adam")) {
            return new Adam(backend, network.parameters(), Adam.Config.of(learningRate()));
        }
        return new Sgd(backend, network.parameters(), new Sgd.Config(learningRate(), sgdMomentum(), 0, 0, false));
    }

    private String describeOptimizer() {
        return optimizer.equals("adam") ? "adam lr " + learningRate()
                : "sgd lr " + learningRate() + " momentum " + sgdMomentum();
    }

    private double learningRate() {
        return lr != null ? lr : optimizer.equals("adam") ? 0.001 : 0.01;
    }

    private double sgdMomentum() {
        return momentum != null ? momentum : 0.9;
    }

    /** The activation named as {@link Activation.Kind#toString()} names it, with PyTorch's default parameters. */
    private Activation hiddenActivation() {
        List<String> allowed = new ArrayList<>();
        for (Activation.Kind kind : Activation.Kind.values()) {
            if (kind.toString().equals(activation)) {
                return Activation.of(kind);
            }
            allowed.add(kind.toString());
        }
        throw new UsageException("--activation '" + activation + "' is not supported; allowed: "
                + String.join(", ", allowed));
    }

    private DType dtype() {
        try {
            return DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype '" + dtype + "' is not supported; allowed: float32, float64", e);
        }
    }

    private void checkNumbers() {
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new UsageException("--optimizer '" + optimizer + "' is not supported; allowed: adam, sgd");
        }
        if (momentum != null && !optimizer.equals("sgd")) {
            throw new UsageException("--momentum applies to --optimizer sgd only");
        }
        requireAtLeastOne("--epochs", epochs);
        requireAtLeastOne("--batch-size", batchSize);
        for (int h : hidden) {
            requireAtLeastOne("--hidden", h);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new UsageException("--lr (" + lr + ") must be a finite number > 0");
        }
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw new UsageException("--momentum (" + momentum + ") must be in [0, 1)");
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new UsageException("--validation (" + validation + ") must be in [0, 1)");
        }
    }

    private static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " (" + value + ") must be >= 1");
        }
    }
}
