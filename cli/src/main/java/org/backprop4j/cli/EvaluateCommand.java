package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.api.Backend;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.evaluate.TargetClasses;
import org.backprop4j.cli.evaluate.TargetValues;
import org.backprop4j.cli.output.OutputFileCheck;
import org.backprop4j.cli.plot.ConfusionMatrixPlot;
import org.backprop4j.cli.predict.ChunkedPredictor;
import org.backprop4j.nn.io.AtomicFile;
import org.backprop4j.nn.io.NonFiniteValues;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.ClassificationReport;
import org.backprop4j.nn.train.RegressionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j evaluate}: a saved model's metrics on labelled data. The rows are read and
 * predicted in chunks by {@link ChunkedPredictor}, as {@code predict} does (the same checks of
 * finite inputs, the same results for a row wherever it is), and the metrics accumulate chunk by
 * chunk ({@link RegressionReport}, {@link ClassificationReport}), so memory does not grow with
 * the file. Target cells must be finite numbers, a classifier's one of its labels; a prediction
 * that is not finite fails the run (exit 1) naming the line.
 *
 * <p>{@code --plot} and {@code --json} are checked before the model is read, as {@code predict
 * --output} is ({@link OutputFileCheck}), and written atomically ({@link AtomicFile}). Nothing is
 * written unless asked: evaluations of one model on several data sets would overwrite each other
 * in the model directory, and a file there would stop {@code train --overwrite} from replacing it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a model directory on labelled data: MSE, MAE and R^2 per target column for a "
                + "regression model; accuracy, per-class precision, recall, F1 and support with macro and weighted "
                + "averages (scikit-learn's classification_report) and the confusion matrix for a classifier.",
                "Reads the inputs as predict does; the target columns are those the model was trained on, unless "
                        + "--target names others."},
        footer = {"", "Examples:",
                "  backprop4j evaluate --model out/diabetes --data diabetes-test.csv",
                "  backprop4j evaluate --model out/digits --data digits-test.csv \\",
                "      --plot out/digits-confusion.png --json out/digits-evaluation.json"})
public final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Labelled rows: CSV with a header row, the model's input columns and the target column(s).")
    Path data;

    @Option(names = "--target", split = ",", paramLabel = "COL", description = "The column(s) holding the true "
            + "values (default: the columns the model was trained on, recorded in model.json): one per output of a "
            + "regression model, one column of class labels for a classifier.")
    List<String> targets;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Write a classifier's confusion matrix as a PNG heat map.")
    Path plot;

    @Option(names = "--json", paramLabel = "FILE.json",
            description = "Write the figures as JSON, unrounded (/dev/stdout: print it instead of the tables).")
    Path json;

    @Option(names = "--overwrite", description = "Replace --plot and --json if they exist.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        boolean jsonToConsole = json != null && OutputFileCheck.isStandardOutput(json);
        checkOutputs(jsonToConsole);
        Backend backend = main.global().selectBackend();
        SavedModel model = ModelReader.read(modelDir, backend, NonFiniteValues.REFUSE);
        if (plot != null && !model.isClassifier()) {
            throw new UsageException("--plot draws a classifier's confusion matrix; the model in " + modelDir
                    + " is a regression model");
        }
        List<String> tables;
        byte[] document;
        ClassificationReport classes = null;
        List<String> targetColumns;
        long rows;
        try (CsvReader csv = CsvReader.open(data)) {
            targetColumns = targetColumns(model, csv);
            List<String> inputs = inputColumns(model, csv, targetColumns);
            ChunkedPredictor predictor = new ChunkedPredictor(model, NonFiniteValues.REFUSE);
            if (model.isClassifier()) {
                classes = classify(model, csv, inputs, predictor, targetColumns.get(0));
                rows = classes.rows();
                tables = EvaluationText.classification(classes, targetColumns.get(0), labels(model));
                document = EvaluationJson.classification(modelDir.toString(), data.toString(), classes,
                        targetColumns.get(0), model.classes().labels());
            } else {
                RegressionReport regression = regress(csv, inputs, predictor, targetColumns);
                rows = regression.rows();
                tables = EvaluationText.regression(regression, targetColumns);
                document = EvaluationJson.regression(modelDir.toString(), data.toString(), regression, targetColumns);
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        if (jsonToConsole) {
            console.println(new String(document, StandardCharsets.UTF_8));
        } else {
            console.println(String.format(Locale.ROOT, "%s on %s: %d rows; %s %s", describe(model, targetColumns),
                    data, rows, backend.name(), model.network().dtype()));
            console.println();
            tables.forEach(console::println);
        }
        console.flush();
        if (plot != null) {
            writePlot(model, targetColumns.get(0), classes);
            if (!jsonToConsole) {
                console.println("wrote " + plot);
            }
        }
        if (json != null && !jsonToConsole) {
            AtomicFile.write(json, out -> out.write(document));
            console.println("wrote " + json);
        }
        console.flush();
        return ExitCodes.OK;
    }

    /** {@code model out/digits (classifier, 10 classes of digit)}, {@code model out/diabetes (regression of progression)}. */
    private String describe(SavedModel model, List<String> targetColumns) {
        return "model " + modelDir + " (" + (model.isClassifier()
                ? "classifier, " + model.classes().labels().size() + " classes of " + targetColumns.get(0)
                : "regression of " + String.join(", ", targetColumns)) + ")";
    }

    private void writePlot(SavedModel model, String column, ClassificationReport classes) throws IOException {
        String title = String.format(Locale.ROOT, "%s on %s: accuracy %.2f%%", modelDir.getFileName(),
                data.getFileName(), 100 * classes.accuracy());
        List<String> labels = labels(model);
        long[][] counts = classes.confusionMatrix();
        AtomicFile.write(plot, out -> ConfusionMatrixPlot.write(out, title, column, labels, counts));
    }

    /** A classifier's labels as text, in model.json's order. */
    private static List<String> labels(SavedModel model) {
        return model.classes().labels().stream().map(String::valueOf).toList();
    }

    /** The checks of {@code predict --output}, for {@code --plot} and {@code --json}, and that they differ. */
    private void checkOutputs(boolean jsonToConsole) throws IOException {
        if (plot != null) {
            if (OutputFileCheck.isStandardOutput(plot)) {
                throw new UsageException("--plot " + plot + ": a PNG image does not go to standard output; "
                        + "name a file");
            }
            OutputFileCheck.check(new OutputFileCheck.Output("--plot", plot, "PNG", "the confusion matrix"),
                    "--data", data, modelDir, overwrite);
        }
        if (json != null && !jsonToConsole) {
            OutputFileCheck.check(new OutputFileCheck.Output("--json", json, "JSON", "the figures"), "--data", data,
                    modelDir, overwrite);
            if (plot != null && sameFile(plot, json)) {
                throw new UsageException("--plot " + plot + " and --json " + json + " are the same file; "
                        + "name two files");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * The columns holding the true values: {@code --target}, or those model.json records (the class
     * column of a classifier, the output names of a regression model); one per output of a
     * regression model, one for a classifier, each in the file.
     */
    private List<String> targetColumns(SavedModel model, CsvReader csv) {
        int outputs = model.network().outputWidth();
        List<String> columns;
        if (targets != null) {
            columns = targets;
            if (new HashSet<>(columns).size() != columns.size()) {
                throw new UsageException("--target " + String.join(",", columns) + " names a column twice");
            }
            int expected = model.isClassifier() ? 1 : outputs;
            if (columns.size() != expected) {
                throw new UsageException("--target names " + columns.size() + " column" + (columns.size() == 1 ? "" : "s")
                        + " (" + String.join(", ", columns) + "); the model in " + modelDir + " takes " + (model.isClassifier()
                        ? "one column of class labels" : expected + ", one per output"));
            }
        } else if (model.isClassifier()) {
            columns = List.of(model.classes().column());
        } else if (!model.outputNames().isEmpty()) {
            columns = model.outputNames();
        } else {
            throw new UsageException("the model in " + modelDir + " does not record its target columns; name them "
                    + "with --target (" + outputs + " column" + (outputs == 1 ? "" : "s") + ", one per output)");
        }
        for (String column : columns) {
            if (!csv.header().contains(column)) {
                throw new UsageException(csv.source() + " line 1: no column '" + column + "', which holds the "
                        + (targets == null ? "targets the model in " + modelDir + " was trained on; name the right one "
                        + "with --target" : "targets (--target)") + "; the columns are " + String.join(", ", csv.header()));
            }
        }
        return columns;
    }

    /**
     * The model's input names, all in the file and none a target, or, for a model that names
     * none, every column but the targets, in file order.
     */
    private List<String> inputColumns(SavedModel model, CsvReader csv, List<String> targetColumns) {
        int width = model.network().inputWidth();
        if (model.inputNames().isEmpty()) {
            List<String> inputs = new ArrayList<>(csv.header());
            inputs.removeAll(targetColumns);
            if (inputs.size() != width) {
                throw new UsageException(csv.source() + " line 1: " + inputs.size() + " columns besides the target"
                        + (targetColumns.size() == 1 ? "" : "s") + "; the model in " + modelDir + " takes " + width
                        + " inputs and names none, so it reads every other column in order");
            }
            return inputs;
        }
        for (String name : model.inputNames()) {
            if (targetColumns.contains(name)) {
                throw new UsageException("--target " + name + " is an input of the model in " + modelDir
                        + "; name the column holding the true values");
            }
            if (!csv.header().contains(name)) {
                throw new UsageException(csv.source() + " line 1: no column '" + name + "', which the model in "
                        + modelDir + " reads; the columns are " + String.join(", ", csv.header()));
            }
        }
        return model.inputNames();
    }

    private RegressionReport regress(CsvReader csv, List<String> inputs, ChunkedPredictor predictor,
                                     List<String> targetColumns) {
        RegressionReport report = new RegressionReport(targetColumns.size());
        TargetValues truth = new TargetValues(csv, targetColumns);
        long rows = predictor.forEachChunk(csv, inputs, truth, (lines, n, outputs) -> {
            checkFinite(csv, lines, outputs, targetColumns.size(), targetColumns);
            report.add(outputs, truth.targets(n));
        }, () -> false);
        requireRows(rows);
        return report;
    }

    private ClassificationReport classify(SavedModel model, CsvReader csv, List<String> inputs,
                                          ChunkedPredictor predictor, String column) {
        List<Integer> labels = model.classes().labels();
        ClassificationReport report = new ClassificationReport(labels.size());
        TargetClasses truth = new TargetClasses(csv, column, labels);
        long rows = predictor.forEachChunk(csv, inputs, truth, (lines, n, outputs) -> {
            checkFinite(csv, lines, outputs, model.network().outputWidth(), List.of());
            int[] predicted = model.predictClasses(outputs);
            for (int i = 0; i < n; i++) {
                predicted[i] = labels.indexOf(predicted[i]);
            }
            report.add(truth.classes(n), predicted);
        }, () -> false);
        requireRows(rows);
        return report;
    }

    private void requireRows(long rows) {
        if (rows == 0) {
            throw new UsageException(data + " has a header but no rows; expected at least one row to evaluate on");
        }
    }

    /**
     * Fails the run on the first output that is not finite, naming its line: no metric of it
     * would mean anything (a NaN score is never the predicted class, so its row would count as wrong).
     *
     * @param outputs row-major {@code [rows, width]}
     * @param names   the outputs' names, or empty to number them
     */
    private static void checkFinite(CsvReader csv, int[] lines, double[] outputs, int width, List<String> names) {
        for (int i = 0; i < outputs.length; i++) {
            if (!Double.isFinite(outputs[i])) {
                int j = i % width;
                throw new RunFailedException(csv.source() + " line " + lines[i / width] + ": the model's output "
                        + (names.isEmpty() ? Integer.toString(j) : "'" + names.get(j) + "'") + " is " + outputs[i]
                        + "; metrics need finite predictions (the model overflows on this row)");
            }
        }
    }
}
