package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.cli.data.CsvWriter;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.ModelFormatException;
import org.backprop4j.nn.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j predict}: runs a model directory (written by {@code train}, or by PyTorch
 * in the same format) on the rows of a CSV file, on the selected backend.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a model directory (model.json + model.safetensors) for every row of a CSV file.",
                "Reads the input columns by the names stored at training (other columns are ignored), or all "
                        + "columns in order for a model without names. Writes one CSV row of outputs per input row "
                        + "(in the targets' units), or for a classifier with a head (trained with cross_entropy, nll or "
                        + "bce_with_logits) each class's probability, plus the predicted class for a classifier."},
        footer = {"", "Example:",
                "  backprop4j predict --model out/diabetes --input data/diabetes.csv \\",
                "      --output out/diabetes/predictions.csv"})
public final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path modelDir;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Rows to predict: CSV with a header row.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the predictions (default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        SavedModel model = readModel();
        CsvTable table = CsvTable.read(input);
        double[] x = table.numbers(inputColumns(model, table));
        double[] scores = model.predict(x);
        int[] classes = model.isClassifier() ? model.predictClasses(scores) : null;
        int outputs = model.network().outputWidth();
        double[] y = model.hasProbabilities() ? model.head().probabilities(scores, outputs) : scores;
        int width = model.hasProbabilities() ? model.head().classes(outputs) : outputs;
        List<String> header = new ArrayList<>(model.outputNames());
        if (header.isEmpty()) {
            for (int j = 0; j < width; j++) {
                header.add("output_" + j);
            }
        }
        if (classes != null) {
            header.add(model.classes().column());
        }
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter sink = output == null ? console
                : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        try {
            CsvWriter csv = new CsvWriter(sink);
            csv.row(header);
            for (int i = 0; i < table.rowCount(); i++) {
                List<String> row = new ArrayList<>(header.size());
                for (int j = 0; j < width; j++) {
                    row.add(Double.toString(y[i * width + j]));
                }
                if (classes != null) {
                    row.add(Integer.toString(classes[i]));
                }
                csv.row(row);
            }
            csv.flush();
        } finally {
            if (output != null) {
                sink.close();
            }
        }
        if (output != null) {
            console.println("wrote " + table.rowCount() + " predictions to " + output);
            console.flush();
        }
        return ExitCodes.OK;
    }

    private SavedModel readModel() throws IOException {
        try {
            return ModelDirectory.read(modelDir, main.global().selectBackend());
        } catch (NoSuchFileException e) {
            throw new UsageException(e.getFile() + ": no such file" + (e.getReason() == null ? "" : "; " + e.getReason()), e);
        } catch (ModelFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The model's input names, all present in the table, or every column when the model names none. */
    private List<String> inputColumns(SavedModel model, CsvTable table) {
        int width = model.network().inputWidth();
        if (model.inputNames().isEmpty()) {
            if (table.header().size() != width) {
                throw new UsageException(table.file() + " line 1: " + table.header().size() + " columns; the model in "
                        + modelDir + " takes " + width + " inputs and names none, so it reads every column in order");
            }
            return table.header();
        }
        for (String name : model.inputNames()) {
            if (!table.header().contains(name)) {
                throw new UsageException(table.file() + " line 1: no column '" + name + "', which the model in "
                        + modelDir + " reads; the columns are " + String.join(", ", table.header()));
            }
        }
        return model.inputNames();
    }
}
