package org.backprop4j.cli.data;

import java.io.PrintWriter;
import java.util.List;

/** Writes CSV rows as RFC 4180 describes them, quoting only the fields that need it. */
public final class CsvWriter {
    private final PrintWriter out;

    public CsvWriter(PrintWriter out) {
        this.out = out;
    }

    /**
     * One line of fields, separated by commas. A row of one empty field is written {@code ""}:
     * written bare it would be an empty line, which readers skip.
     */
    public void row(List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            out.println("\"\"");
            return;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(fields.get(i)));
        }
        out.println(line);
    }

    /**
     * The field as written: in double quotes, with inner quotes doubled, when it holds a comma,
     * a quote, a line break or surrounding spaces, or starts with a byte order mark (which a
     * reader drops from the start of a file); otherwise as it is.
     */
    static String quote(String field) {
        boolean plain = field.equals(field.strip()) && !field.startsWith("\uFEFF") && field.chars().noneMatch(c ->
                c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    public void flush() {
        out.flush();
    }
}
