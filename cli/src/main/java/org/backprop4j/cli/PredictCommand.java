package org.backprop4j.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.data.CsvWriter;
import org.backprop4j.cli.output.OutputFileCheck;
import org.backprop4j.cli.output.RecordingOutputStream;
import org.backprop4j.cli.predict.ChunkedPredictor;
import org.backprop4j.nn.io.AtomicFile;
import org.backprop4j.nn.io.NonFiniteValues;
import org.backprop4j.nn.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j predict}: runs a model directory (written by {@code train}, or by PyTorch
 * in the same format) on the rows of a CSV file, on the selected backend. The file is read and
 * predicted in chunks ({@link ChunkedPredictor}), so memory does not grow with its length;
 * {@code --output} is checked before anything else ({@link OutputFileCheck}) and written
 * atomically ({@link AtomicFile}): whole, or not at all.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a model directory (model.json + model.safetensors) for every row of a CSV file.",
                "Reads the input columns by the names stored at training (other columns are ignored), or all "
                        + "columns in order for a model without names. Writes one CSV row of outputs per input row "
                        + "(in the targets' units), or for a classifier with a head (trained with cross_entropy, nll or "
                        + "bce_with_logits) each class's probability, plus the predicted class for a classifier."},
        footer = {"", "Example:",
                "  backprop4j predict --model out/diabetes --input data/diabetes.csv \\",
                "      --output out/diabetes-predictions.csv"})
public final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path modelDir;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Rows to predict: CSV with a header row.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the predictions (default: "
            + "standard output). Written whole or not at all: a run that fails leaves an existing file as it was.")
    Path output;

    @Option(names = "--overwrite", description = "Replace --output if it exists.")
    boolean overwrite;

    @Option(names = "--allow-non-finite", description = "Accept NaN and infinite weights and inputs (nan, inf in "
            + "the CSV) and write non-finite predictions, instead of refusing them.")
    boolean allowNonFinite;

    @Override
    public Integer call() throws IOException {
        if (output != null && OutputFileCheck.isStandardOutput(output)) {
            output = null; // the console is standard output, checked as such
        }
        if (output != null) {
            OutputFileCheck.checkPredictions(output, input, modelDir, overwrite);
        }
        SavedModel model = readModel();
        int outputs = model.network().outputWidth();
        int width = model.hasProbabilities() ? model.head().classes(outputs) : outputs;
        List<String> header = new ArrayList<>(model.outputNames());
        if (header.isEmpty()) {
            for (int j = 0; j < width; j++) {
                header.add("output_" + j);
            }
        }
        if (model.isClassifier()) {
            header.add(model.classes().column());
        }
        PrintWriter console = spec.commandLine().getOut();
        ChunkedPredictor predictor = new ChunkedPredictor(model, allowNonFinite ? NonFiniteValues.ALLOW
                : NonFiniteValues.REFUSE);
        try (CsvReader csv = CsvReader.open(input)) {
            List<String> columns = inputColumns(model, csv);
            if (output == null) {
                long rows = predictor.run(csv, columns, header, new CsvWriter(console), console::checkError);
                return rows < 0 ? ExitCodes.FAILED : ExitCodes.OK; // Main names the reason the console failed
            }
            long rows;
            try (AtomicFile file = AtomicFile.open(output)) {
                RecordingOutputStream stream = new RecordingOutputStream(file.stream());
                PrintWriter sink = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                rows = predictor.run(csv, columns, header, new CsvWriter(sink), sink::checkError);
                sink.flush();
                if (stream.failure() != null) {
                    throw stream.failure(); // a FileWriteException naming the file and the reason
                }
                file.commit();
            }
            console.println("wrote " + rows + " predictions to " + output);
            console.flush();
        }
        return ExitCodes.OK;
    }

    private SavedModel readModel() throws IOException {
        return ModelReader.read(modelDir, main.global().selectBackend(), allowNonFinite ? NonFiniteValues.ALLOW
                : NonFiniteValues.REFUSE);
    }

    /** The model's input names, all present in the file, or every column when the model names none. */
    private List<String> inputColumns(SavedModel model, CsvReader csv) {
        int width = model.network().inputWidth();
        if (model.inputNames().isEmpty()) {
            if (csv.header().size() != width) {
                throw new UsageException(csv.source() + " line 1: " + csv.header().size() + " columns; the model in "
                        + modelDir + " takes " + width + " inputs and names none, so it reads every column in order");
            }
            return csv.header();
        }
        for (String name : model.inputNames()) {
            if (!csv.header().contains(name)) {
                throw new UsageException(csv.source() + " line 1: no column '" + name + "', which the model in "
                        + modelDir + " reads; the columns are " + String.join(", ", csv.header()));
            }
        }
        return model.inputNames();
    }
}
