package org.backprop4j.cli.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.cli.RunFailedException;
import org.backprop4j.cli.data.CsvInputException;
import org.backprop4j.cli.data.CsvNumbers;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.data.CsvWriter;
import org.backprop4j.nn.io.FiniteValues;
import org.backprop4j.nn.io.NonFiniteValues;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Inference;

/**
 * Predicts the rows of a CSV file as they are read, {@value #CHUNK_ROWS} at a time, and writes
 * one CSV row of outputs (a classifier with a head: each class's probability) per input row:
 * memory does not grow with the file.
 *
 * <p>Every forward pass is exactly {@value #CHUNK_ROWS} rows (the last chunk is padded with rows
 * of zeros, whose outputs are dropped), so every pass has the same shape. A row's prediction then
 * does not depend on how many rows the file has: native BLAS picks its kernels by the shape of
 * the product, and different row counts gave the same row answers that differ in the last bits
 * (issue 9, finding 8). It can still depend on the row's position within its chunk on a backend
 * that does not compute every row alike; the built-in backends do.
 *
 * <p>Unless non-finite values are allowed, every input cell must be a finite number within the
 * model's dtype, and so must its standardised value {@code (x - input_mean) / input_std}, or the
 * run stops with a {@link CsvInputException} naming the line and the column (exit 2); a
 * prediction that is still not finite stops it with a {@link RunFailedException} naming the
 * line (exit 1).
 */
public final class ChunkedPredictor {
    /** Rows per forward pass: {@link Inference#DEFAULT_BATCH_SIZE}, the batch {@link SavedModel#predict} runs. */
    public static final int CHUNK_ROWS = Inference.DEFAULT_BATCH_SIZE;

    private final SavedModel model;
    private final NonFiniteValues nonFinite;
    private final DType dtype;
    private final double[] mean;
    private final double[] std;
    private final int in;
    private final int out;

    public ChunkedPredictor(SavedModel model, NonFiniteValues nonFinite) {
        this.model = model;
        this.nonFinite = nonFinite;
        this.dtype = model.network().dtype();
        this.mean = model.normalization().inputMean();
        this.std = model.normalization().inputStd();
        this.in = model.network().inputWidth();
        this.out = model.network().outputWidth();
    }

    /** Tells the predictor to stop: the output can no longer be written (a closed pipe, a full disk). */
    @FunctionalInterface
    public interface OutputCheck {
        boolean failed();
    }

    /**
     * Reads more of a row as it is read (a target column), before its chunk is predicted. Rows
     * are not kept: memory holds one chunk's inputs, whatever the width of a line.
     */
    @FunctionalInterface
    public interface RowReader {
        /**
         * @param row      the row just read
         * @param position its position in its chunk, 0 to {@value #CHUNK_ROWS} - 1
         */
        void read(CsvReader.Row row, int position);
    }

    /** Receives the predictions of one chunk of rows. */
    @FunctionalInterface
    public interface ChunkHandler {
        /**
         * @param lines   the line number of each of the chunk's rows in {@code lines[0..rows-1]}; read only
         * @param rows    the number of rows in the chunk, 1 to {@value #CHUNK_ROWS}
         * @param outputs the model's outputs ({@link SavedModel#predict}) for them, row-major
         *                {@code [rows, outputWidth]}, the padding rows dropped
         */
        void accept(int[] lines, int rows, double[] outputs);
    }

    /**
     * Predicts every row of {@code csv} from its columns {@code columns} (one per model input, in
     * order) and writes the header and a row per input row to {@code sink}.
     *
     * @param header    the output columns: one per model output, then the class column for a classifier
     * @param sinkCheck asked after every chunk; when it says the output failed, reading stops
     * @return the number of rows predicted, or -1 when the output failed
     */
    public long run(CsvReader csv, List<String> columns, List<String> header, CsvWriter sink, OutputCheck sinkCheck) {
        sink.row(header);
        long done = forEachChunk(csv, columns, (row, position) -> { }, (lines, rows, y) -> write(csv.source(), y,
                lines, rows, sink), sinkCheck);
        if (done >= 0) {
            sink.flush();
        }
        return done;
    }

    /**
     * Predicts every row of {@code csv} from its columns {@code columns} (one per model input, in
     * order), {@value #CHUNK_ROWS} rows at a time: each row goes to {@code reader} as it is read,
     * each chunk's outputs to {@code handler}.
     *
     * @param stop asked after every chunk; when it says so, reading stops
     * @return the number of rows predicted, or -1 when {@code stop} stopped the run
     */
    public long forEachChunk(CsvReader csv, List<String> columns, RowReader reader, ChunkHandler handler,
                             OutputCheck stop) {
        int[] index = columns.stream().mapToInt(csv::column).toArray();
        double[] x = new double[CHUNK_ROWS * in];
        int[] lines = new int[CHUNK_ROWS];
        long done = 0;
        while (true) {
            int n = 0;
            CsvReader.Row row;
            while (n < CHUNK_ROWS && (row = csv.next()) != null) {
                for (int k = 0; k < in; k++) {
                    x[n * in + k] = value(csv, row, index[k], k);
                }
                reader.read(row, n);
                lines[n++] = row.line();
            }
            if (n == 0) {
                break;
            }
            Arrays.fill(x, n * in, x.length, 0.0); // padding rows: every pass has CHUNK_ROWS rows
            double[] y = model.predict(x);
            handler.accept(lines, n, Arrays.copyOf(y, n * out));
            done += n;
            if (stop.failed()) {
                return -1;
            }
            if (n < CHUNK_ROWS) {
                break;
            }
        }
        return done;
    }

    /** The value of one cell, checked as the class describes. */
    private double value(CsvReader csv, CsvReader.Row row, int column, int input) {
        double v = CsvNumbers.parse(row.fields()[column], nonFinite, () -> cell(csv, row, column));
        if (nonFinite == NonFiniteValues.ALLOW) {
            return v;
        }
        String problem = FiniteValues.problem(v, dtype);
        if (problem != null) {
            throw new CsvInputException(cell(csv, row, column) + ": " + row.fields()[column] + " " + problem);
        }
        double standardised = (v - (mean == null ? 0 : mean[input])) / (std == null ? 1 : std[input]);
        problem = FiniteValues.problem(standardised, dtype);
        if (problem != null) {
            throw new CsvInputException(cell(csv, row, column) + ": " + row.fields()[column] + " standardised as "
                    + "(x - input_mean) / input_std " + problem + "; the model was not trained on values near it");
        }
        return v;
    }

    /** How an error names a CSV cell: {@code FILE line L, column C (NAME)}. */
    public static String cell(CsvReader csv, CsvReader.Row row, int column) {
        return csv.source() + " line " + row.line() + ", column " + (column + 1) + " (" + csv.header().get(column) + ")";
    }

    /**
     * One row per input row: the outputs, or each class's probability for a model with a head,
     * then the predicted class for a classifier.
     */
    private void write(String source, double[] y, int[] lines, int n, CsvWriter sink) {
        List<String> names = model.outputNames();
        for (int i = 0; i < n; i++) {
            double[] scores = Arrays.copyOfRange(y, i * out, (i + 1) * out);
            double[] values = model.hasProbabilities() ? model.head().probabilities(scores, out) : scores;
            boolean anyFinite = false;
            for (int j = 0; j < values.length; j++) {
                double v = values[j];
                if (!Double.isFinite(v) && nonFinite == NonFiniteValues.REFUSE) {
                    throw new RunFailedException(source + " line " + lines[i] + ": the prediction "
                            + (names.isEmpty() ? "output_" + j : "'" + names.get(j) + "'") + " is " + v
                            + "; the model overflows on this row (--allow-non-finite writes it anyway)");
                }
                anyFinite |= !Double.isNaN(v);
            }
            List<String> fields = new ArrayList<>(values.length + 1);
            for (double v : values) {
                fields.add(Double.toString(v));
            }
            if (model.isClassifier()) {
                fields.add(anyFinite ? Integer.toString(model.predictClasses(scores)[0]) : ""); // no class of NaN scores
            }
            sink.row(fields);
        }
    }
}
