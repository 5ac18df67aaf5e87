package org.backprop4j.cli.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.backprop4j.api.DType;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.io.FiniteValues;
import org.backprop4j.nn.io.NonFiniteValues;

/**
 * A CSV file with a header row ({@link CsvReader}'s dialect), read whole into memory as numbers:
 * each column a {@code double[]}, 8 bytes a value, and no text kept. A cell that is not a number
 * is remembered as its column's first problem and reported when that column is asked for, so
 * that columns nobody uses may hold text. Every error is a {@link CsvInputException} naming the
 * file, the line (counting the header as line 1) and, for a value, the column by number and name.
 */
public final class CsvTable {
    private static final int DOUBLE_BYTES = 8;

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final double[][] values;
    private final String[] problems;
    private final String[] fractions;
    private final String[] beyondFloat32;
    private final int rows;

    private CsvTable(Path file, List<String> header, double[][] values, String[] problems, String[] fractions,
                     String[] beyondFloat32, int rows) {
        this.file = file;
        this.header = header;
        this.values = values;
        this.problems = problems;
        this.fractions = fractions;
        this.beyondFloat32 = beyondFloat32;
        this.rows = rows;
        this.columns = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            columns.put(header.get(j), j);
        }
    }

    /**
     * Reads {@code file}: the header row, then every non-empty line, each with as many fields as
     * the header.
     *
     * @throws CsvInputException for a missing or unreadable file, an empty file, an empty or
     *                           repeated column name, a wrong field count, or a broken quote
     */
    public static CsvTable read(Path file) {
        return read(file, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(Path)}, refusing, as soon as it is clear, a file whose values take more than
     * {@code maxBytes} bytes (8 a value), with a message that says how much memory that needs.
     */
    public static CsvTable read(Path file, long maxBytes) {
        try (CsvReader in = CsvReader.open(file)) {
            int width = in.header().size();
            double[][] values = new double[width][16];
            String[] problems = new String[width];
            String[] fractions = new String[width];
            String[] beyondFloat32 = new String[width];
            int rows = 0;
            for (CsvReader.Row row = in.next(); row != null; row = in.next()) {
                if ((long) (rows + 1) * width * DOUBLE_BYTES > maxBytes) {
                    throw new CsvInputException(file + ": more than " + rows + " rows of " + width + " values take "
                            + "more than " + MemoryEstimate.format(maxBytes) + ", the most this run may hold; "
                            + "the JVM may use " + MemoryEstimate.format(MemoryEstimate.jvmLimit()));
                }
                if (rows == values[0].length) {
                    int grown = (int) Math.min(Integer.MAX_VALUE - 8, rows + (long) rows / 2);
                    for (int j = 0; j < width; j++) {
                        values[j] = Arrays.copyOf(values[j], grown);
                    }
                }
                for (int j = 0; j < width; j++) {
                    String text = row.fields()[j];
                    int line = row.line();
                    int column = j;
                    Supplier<String> where = () -> cell(file, line, column, in.header());
                    try {
                        double v = CsvNumbers.parse(text, NonFiniteValues.REFUSE, where);
                        values[j][rows] = v;
                        if (fractions[j] == null && (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                            fractions[j] = where.get() + ": '" + text + "' is not a whole number";
                        }
                        if (beyondFloat32[j] == null && FiniteValues.problem(v, DType.FLOAT32) != null) {
                            beyondFloat32[j] = where.get() + ": " + text + " " + FiniteValues.problem(v, DType.FLOAT32);
                        }
                    } catch (CsvInputException e) {
                        if (problems[j] == null) {
                            problems[j] = e.getMessage();
                        }
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw new CsvInputException(file + ": has a header but no data rows");
            }
            for (int j = 0; j < width; j++) {
                values[j] = Arrays.copyOf(values[j], rows);
            }
            return new CsvTable(file, in.header(), values, problems, fractions, beyondFloat32, rows);
        }
    }

    /** {@code FILE line L, column C (NAME)}: a cell as errors name it; {@code column} counts from 0. */
    static String cell(Object file, int line, int column, List<String> header) {
        return file + " line " + line + ", column " + (column + 1) + " (" + header.get(column) + ")";
    }

    public Path file() {
        return file;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    /** Number of data rows, at least 1. */
    public int rowCount() {
        return rows;
    }

    /** The bytes the values take: 8 per value. */
    public long bytes() {
        return (long) rows * header.size() * DOUBLE_BYTES;
    }

    /**
     * The position of column {@code name}.
     *
     * @throws CsvInputException naming the file and listing the columns it has
     */
    public int column(String name) {
        Integer j = columns.get(name);
        if (j == null) {
            throw new CsvInputException(file + " line 1: no column '" + name + "'; the columns are "
                    + String.join(", ", header));
        }
        return j;
    }

    /**
     * The values of {@code names}' columns as numbers, row-major {@code [rowCount, names.size()]}.
     *
     * @throws CsvInputException for an unknown column, or a missing, non-numeric or non-finite value,
     *                           naming the line and the column
     */
    public double[] numbers(List<String> names) {
        int[] index = names.stream().mapToInt(this::column).toArray();
        for (int j : index) {
            if (problems[j] != null) {
                throw new CsvInputException(problems[j]);
            }
        }
        double[] out = new double[rows * index.length];
        for (int k = 0; k < index.length; k++) {
            double[] column = values[index[k]];
            for (int i = 0; i < rows; i++) {
                out[i * index.length + k] = column[i];
            }
        }
        return out;
    }

    /**
     * The values of column {@code name} as integers, e.g. class labels ({@code 3} and {@code 3.0} both read as 3).
     *
     * @throws CsvInputException for an unknown column, or a value that is missing, not a number, not
     *                           whole, or outside the int range, naming the line and the column
     */
    public int[] integers(String name) {
        int j = column(name);
        if (problems[j] != null) {
            throw new CsvInputException(problems[j]);
        }
        if (fractions[j] != null) {
            throw new CsvInputException(fractions[j] + "; a class column holds integer labels (to predict a "
                    + "quantity, train without --classify)");
        }
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = (int) values[j][i];
        }
        return out;
    }

    /**
     * Checks that every value of {@code names}' columns stays finite in {@code dtype}: for
     * float32, within +-3.4e38, which a double may exceed.
     *
     * @throws CsvInputException naming the first value beyond the range, by line and column
     */
    public void checkRange(List<String> names, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return;
        }
        for (String name : names) {
            int j = column(name);
            if (beyondFloat32[j] != null) {
                throw new CsvInputException(beyondFloat32[j] + "; train with --dtype float64 for values this large");
            }
        }
    }
}
