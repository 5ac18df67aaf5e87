package org.backprop4j.cli.evaluate;

import java.util.Arrays;
import java.util.List;
import org.backprop4j.cli.data.CsvNumbers;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.predict.ChunkedPredictor;
import org.backprop4j.nn.io.NonFiniteValues;

/**
 * Reads a regression model's target columns from each row as {@link ChunkedPredictor} reads it,
 * into a buffer of one chunk: every cell a finite number, or a
 * {@link org.backprop4j.cli.data.CsvInputException} naming the line and the column (exit 2).
 */
public final class TargetValues implements ChunkedPredictor.RowReader {
    private final CsvReader csv;
    private final int[] columns;
    private final double[] chunk;

    /** Reads the columns {@code names} of {@code csv}, which must all be in its header. */
    public TargetValues(CsvReader csv, List<String> names) {
        this.csv = csv;
        this.columns = names.stream().mapToInt(csv::column).toArray();
        this.chunk = new double[ChunkedPredictor.CHUNK_ROWS * columns.length];
    }

    @Override
    public void read(CsvReader.Row row, int position) {
        for (int j = 0; j < columns.length; j++) {
            int column = columns[j];
            chunk[position * columns.length + j] = CsvNumbers.parse(row.fields()[column], NonFiniteValues.REFUSE,
                    () -> ChunkedPredictor.cell(csv, row, column));
        }
    }

    /** The targets of the chunk's first {@code rows} rows, row-major {@code [rows, columns]}; a new array. */
    public double[] targets(int rows) {
        return Arrays.copyOf(chunk, rows * columns.length);
    }
}
