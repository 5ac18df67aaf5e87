package org.backprop4j.cli.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.backprop4j.cli.UsageException;

/**
 * A CSV file with a header row, held as text until columns are asked for as numbers.
 *
 * <p>The dialect is RFC 4180's: fields separated by commas, optionally in double quotes (a
 * quote inside a quoted field is written twice); no field spans lines. Spaces around a field
 * (outside quotes) are ignored, as are empty lines and a UTF-8 byte order mark. Every error is a
 * {@link UsageException} naming the file, the line (counting the header as line 1) and, for a
 * value, the column by number and name.
 */
public final class CsvTable {
    /** A decimal number as Java, Python and spreadsheets write it: {@code -1}, {@code 2.5}, {@code .5}, {@code 1e-3}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(Path file, List<String> header, List<String[]> rows, int[] lines) {
        this.file = file;
        this.header = List.copyOf(header);
        this.rows = rows;
        this.lines = lines;
        this.columns = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            columns.put(header.get(j), j);
        }
    }

    /**
     * Reads {@code file}: the header row, then every non-empty line, each with as many fields as
     * the header.
     *
     * @throws UsageException for a missing or unreadable file, an empty file, an empty or
     *                        repeated column name, a wrong field count, or a broken quote
     */
    public static CsvTable read(Path file) {
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(file, number, line);
                if (header == null) {
                    header = checkHeader(file, number, fields);
                } else {
                    if (fields.length != header.size()) {
                        throw new UsageException(file + " line " + number + ": " + fields.length
                                + " values; expected " + header.size() + ", one per column of the header");
                    }
                    rows.add(fields);
                    lines.add(number);
                }
            }
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UsageException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new UsageException(file + ": empty; expected a header row and at least one data row");
        }
        if (rows.isEmpty()) {
            throw new UsageException(file + ": has a header but no data rows");
        }
        return new CsvTable(file, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> checkHeader(Path file, int line, String[] names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.length; j++) {
            if (names[j].isEmpty()) {
                throw new UsageException(file + " line " + line + ", column " + (j + 1)
                        + ": empty column name; expected a header row naming every column");
            }
            Integer before = seen.put(names[j], j);
            if (before != null) {
                throw new UsageException(file + " line " + line + ": column name '" + names[j] + "' appears twice"
                        + " (columns " + (before + 1) + " and " + (j + 1) + "); expected distinct names");
            }
        }
        return List.of(names);
    }

    /** The fields of one line: RFC 4180 quoting, surrounding spaces of a field dropped. */
    static String[] split(Path file, int line, String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            boolean quoted = i < n && text.charAt(i) == '"';
            if (quoted) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new UsageException(file + " line " + line + ", column " + (fields.size() + 1)
                                + ": a quoted value is not closed; expected a '\"' before the end of the line");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && text.charAt(i) != ',') {
                    throw new UsageException(file + " line " + line + ", column " + (fields.size() + 1)
                            + ": text after a closing quote; expected ',' or the end of the line");
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    field.append(text.charAt(i++));
                }
            }
            fields.add(quoted ? field.toString() : field.toString().strip());
            field.setLength(0);
            if (i >= n) {
                return fields.toArray(new String[0]);
            }
            i++; // the comma
        }
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
        return rows.size();
    }

    /**
     * The position of column {@code name}.
     *
     * @throws UsageException naming the file and listing the columns it has
     */
    public int column(String name) {
        Integer j = columns.get(name);
        if (j == null) {
            throw new UsageException(file + " line 1: no column '" + name + "'; the columns are "
                    + String.join(", ", header));
        }
        return j;
    }

    /**
     * The values of {@code names}' columns as numbers, row-major {@code [rowCount, names.size()]}.
     *
     * @throws UsageException for an unknown column, or a missing, non-numeric or non-finite value,
     *                        naming the line and the column
     */
    public double[] numbers(List<String> names) {
        int[] index = names.stream().mapToInt(this::column).toArray();
        double[] out = new double[rows.size() * index.length];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < index.length; k++) {
                out[i * index.length + k] = number(i, index[k]);
            }
        }
        return out;
    }

    /**
     * The values of column {@code name} as integers, e.g. class labels ({@code 3} and {@code 3.0} both read as 3).
     *
     * @throws UsageException for an unknown column, or a value that is missing, not a number, not
     *                        whole, or outside the int range, naming the line and the column
     */
    public int[] integers(String name) {
        int j = column(name);
        int[] out = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double v = number(i, j);
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new UsageException(where(i, j) + ": '" + rows.get(i)[j]
                        + "' is not a whole number; a class column holds integer labels");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private double number(int row, int column) {
        String text = rows.get(row)[column];
        if (text.isEmpty()) {
            throw new UsageException(where(row, column) + ": missing value; expected a number");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new UsageException(where(row, column) + ": '" + text + "' is not a number");
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new UsageException(where(row, column) + ": '" + text + "' is too large for a double");
        }
        return v;
    }

    private String where(int row, int column) {
        return file + " line " + lines[row] + ", column " + (column + 1) + " (" + header.get(column) + ")";
    }
}
