package org.backprop4j.cli.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backprop4j.cli.data.CsvInputException;
import org.backprop4j.cli.data.CsvNumbers;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.predict.ChunkedPredictor;
import org.backprop4j.nn.io.NonFiniteValues;

/**
 * Reads a classifier's class column from each row as {@link ChunkedPredictor} reads it, into a
 * buffer of one chunk of class indices: every cell a whole number ({@code 3} or {@code 3.0}) that
 * is one of the model's labels, or a {@link CsvInputException} naming the line, the column, the
 * value and the labels allowed (exit 2). A label the model was not trained on has no row and no
 * column in the confusion matrix, so it is refused rather than counted.
 */
public final class TargetClasses implements ChunkedPredictor.RowReader {
    private final CsvReader csv;
    private final int column;
    private final List<Integer> labels;
    private final Map<Integer, Integer> index = new HashMap<>();
    private final int[] chunk = new int[ChunkedPredictor.CHUNK_ROWS];

    /** Reads column {@code name} of {@code csv} as one of {@code labels}, class {@code k} being {@code labels.get(k)}. */
    public TargetClasses(CsvReader csv, String name, List<Integer> labels) {
        this.csv = csv;
        this.column = csv.column(name);
        this.labels = List.copyOf(labels);
        for (int k = 0; k < labels.size(); k++) {
            index.put(labels.get(k), k);
        }
    }

    @Override
    public void read(CsvReader.Row row, int position) {
        String text = row.fields()[column];
        double v = CsvNumbers.parse(text, NonFiniteValues.REFUSE, () -> ChunkedPredictor.cell(csv, row, column));
        Integer k = v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE ? index.get((int) v) : null;
        if (k == null) {
            throw new CsvInputException(ChunkedPredictor.cell(csv, row, column) + ": '" + text + "' is not one of the model's "
                    + "class labels " + labels.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "; evaluate rows of the classes the model was trained on");
        }
        chunk[position] = k;
    }

    /** The class indices of the chunk's first {@code rows} rows; a new array. */
    public int[] classes(int rows) {
        return Arrays.copyOf(chunk, rows);
    }
}
