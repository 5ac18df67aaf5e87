package org.backprop4j.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.data.CsvWriter;
import org.backprop4j.cli.output.OutputFileCheck;
import org.backprop4j.cli.output.RecordingOutputStream;
import org.backprop4j.nn.io.AtomicFile;
import org.backprop4j.nn.io.FileKind;
import org.backprop4j.nn.train.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j split}: divides a CSV file's rows into a training file and a test file, so a
 * model can be trained on one ({@code train --data TRAIN.csv}) and scored on rows it never saw.
 * The test rows are {@link Dataset#heldOutRows}'s of the file's row count with
 * {@code new SplittableRandom(seed)}: a Fisher-Yates shuffle, the first {@code round(fraction * rows)}
 * rows of it. Both files keep the header and the rows in their original order, each row's fields as
 * they were (re-quoted only where CSV needs it). The file is read twice (once to count the rows),
 * so it must be a regular file; memory holds one row at a time and one bit per row.
 */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Split a CSV file's rows at random into a training file and a test file (header row in each).",
                "Train on the training file and score the model on the test file, which the training never sees."},
        footer = {"", "Example:",
                "  backprop4j split --data data/diabetes.csv --seed 1 --train-out out/train.csv --test-out out/test.csv",
                "  backprop4j train --data out/train.csv --target progression --seed 1 --out out/diabetes"})
public final class SplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The rows to split: CSV with a header row.")
    Path data;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of rows in the test file, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seeds the choice of test rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-out", required = true, paramLabel = "FILE.csv", description = "Where to write the training rows.")
    Path trainOut;

    @Option(names = "--test-out", required = true, paramLabel = "FILE.csv", description = "Where to write the test rows.")
    Path testOut;

    @Option(names = "--overwrite", description = "Replace --train-out and --test-out if they exist.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UsageException("--test-fraction (" + testFraction + ") must be in (0, 1)");
        }
        if (FileKind.of(data) != FileKind.REGULAR_FILE && FileKind.of(data) != FileKind.MISSING) {
            throw new UsageException("--data " + data + " " + FileKind.of(data).description()
                    + "; split reads its file twice, so it must be a regular file");
        }
        if (trainOut.toAbsolutePath().normalize().equals(testOut.toAbsolutePath().normalize())) {
            throw new UsageException("--train-out and --test-out are both " + trainOut + "; expected two files");
        }
        OutputFileCheck.checkOutput("--train-out", trainOut, "--data", data, overwrite);
        OutputFileCheck.checkOutput("--test-out", testOut, "--data", data, overwrite);
        int rows = countRows();
        int[] test;
        try {
            test = Dataset.heldOutRows(rows, testFraction, new SplittableRandom(seed));
        } catch (IllegalArgumentException e) { // too few rows for a training row to remain
            throw new UsageException("--test-fraction " + testFraction + " of the " + rows + " rows of " + data
                    + " leaves no training row", e);
        }
        try (CsvReader in = CsvReader.open(data); AtomicFile training = AtomicFile.open(trainOut);
             AtomicFile testing = AtomicFile.open(testOut)) {
            Sink trainSink = new Sink(training);
            Sink testSink = new Sink(testing);
            trainSink.csv.row(in.header());
            testSink.csv.row(in.header());
            int row = 0;
            for (CsvReader.Row r = in.next(); r != null; r = in.next(), row++) {
                (Arrays.binarySearch(test, row) >= 0 ? testSink : trainSink).csv.row(Arrays.asList(r.fields()));
            }
            if (row != rows) {
                throw new UsageException(data + " changed while it was split: " + rows + " rows, then " + row);
            }
            trainSink.finish();
            testSink.finish();
            training.commit();
            testing.commit();
        }
        PrintWriter console = spec.commandLine().getOut();
        console.println("wrote " + (rows - test.length) + " training rows to " + trainOut + " and " + test.length
                + " test rows to " + testOut + " (seed " + seed + ", test fraction " + testFraction + ")");
        console.flush();
        return ExitCodes.OK;
    }

    private int countRows() {
        try (CsvReader in = CsvReader.open(data)) {
            int rows = 0;
            while (in.next() != null) {
                rows++;
            }
            if (rows < 2) {
                throw new UsageException(data + ": " + rows + " data rows; splitting needs at least two");
            }
            return rows;
        }
    }

    /** A CSV writer on an atomic file, its failures kept to be thrown once. */
    private static final class Sink {
        final RecordingOutputStream stream;
        final PrintWriter writer;
        final CsvWriter csv;

        Sink(AtomicFile file) {
            stream = new RecordingOutputStream(file.stream());
            writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            csv = new CsvWriter(writer);
        }

        void finish() throws IOException {
            writer.flush();
            if (stream.failure() != null) {
                throw stream.failure(); // a FileWriteException naming the file and the reason
            }
        }
    }
}
