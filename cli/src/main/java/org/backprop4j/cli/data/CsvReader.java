package org.backprop4j.cli.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.io.FileKind;
import org.backprop4j.nn.io.IoErrors;

/**
 * Reads a CSV file one row at a time, so that memory does not grow with the file's length.
 *
 * <p>The dialect is RFC 4180's: fields separated by commas, optionally in double quotes (a
 * quote inside a quoted field is written twice); no field spans lines. Lines end with LF, CRLF
 * or CR. Spaces around a field (outside quotes) are ignored, as are empty lines and a UTF-8 byte
 * order mark. The first non-empty line is the header: non-empty, distinct column names. Every
 * data row has as many fields as the header.
 *
 * <p>Nothing in the input is trusted: a line longer than {@value #MAX_LINE_CHARS} characters or
 * holding a NUL character (which text never does; {@code /dev/zero} is nothing but) is refused
 * when it is met, without reading further, and bytes that are not UTF-8 are an error. Every
 * error is a {@link CsvInputException} naming the source, the line and, for a field, the column.
 * A named pipe or a device can be read too ({@code --input /dev/stdin}). Not thread-safe.
 */
public final class CsvReader implements Closeable {
    /** The longest line read, in characters: 16 Mi, some hundred thousand numeric columns. */
    public static final int MAX_LINE_CHARS = 1 << 24;

    /** One data row: its line number (the header is line 1) and its fields. */
    public record Row(int line, String[] fields) {
    }

    private final String source;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 13).flip();
    private boolean endOfInput;
    private boolean malformed;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final StringBuilder line = new StringBuilder();
    private int lineNumber;
    private boolean pendingLineFeed;

    private CsvReader(String source, InputStream in) {
        this.source = source;
        this.in = in;
        this.header = readHeader();
        for (int j = 0; j < header.size(); j++) {
            columns.put(header.get(j), j);
        }
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws CsvInputException when it is missing, a directory, unreadable, empty, or its header is malformed
     */
    public static CsvReader open(Path file) {
        String source = file.toString();
        FileKind kind;
        try {
            kind = FileKind.of(file);
        } catch (IOException e) {
            throw new CsvInputException(source + ": cannot read: " + IoErrors.reason(e), e);
        }
        switch (kind) {
            case MISSING -> throw new CsvInputException(source + ": no such file");
            case DIRECTORY -> throw new CsvInputException(source + " is a directory; expected a CSV file");
            case REGULAR_FILE, FIFO, CHARACTER_DEVICE, BLOCK_DEVICE, SOCKET, OTHER -> {
                // streams of text can come from any of these
            }
        }
        try {
            return of(source, Files.newInputStream(file));
        } catch (IOException e) {
            throw new CsvInputException(source + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /**
     * Reads CSV text from {@code in}, which the reader closes; {@code source} names it in errors.
     *
     * @throws CsvInputException when it is empty or its header is malformed
     */
    public static CsvReader of(String source, InputStream in) {
        try {
            return new CsvReader(source, in);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, RuntimeException failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private List<String> readHeader() {
        String text;
        do {
            text = nextLine();
            if (text == null) {
                throw new CsvInputException(source + ": empty; expected a header row and at least one data row");
            }
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } while (text.isBlank());
        String[] names = split(source, lineNumber, text);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.length; j++) {
            if (names[j].isEmpty()) {
                throw new CsvInputException(source + " line " + lineNumber + ", column " + (j + 1)
                        + ": empty column name; expected a header row naming every column");
            }
            Integer before = seen.put(names[j], j);
            if (before != null) {
                throw new CsvInputException(source + " line " + lineNumber + ": column name '" + names[j]
                        + "' appears twice (columns " + (before + 1) + " and " + (j + 1) + "); expected distinct names");
            }
        }
        return List.of(names);
    }

    /** The name the reader reports in errors: the file's path, as given. */
    public String source() {
        return source;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    /**
     * The position of column {@code name}.
     *
     * @throws CsvInputException naming the source and listing the columns it has
     */
    public int column(String name) {
        Integer j = columns.get(name);
        if (j == null) {
            throw new CsvInputException(source + " line 1: no column '" + name + "'; the columns are "
                    + String.join(", ", header));
        }
        return j;
    }

    /**
     * The next data row, or null at the end; empty lines are skipped.
     *
     * @throws CsvInputException for a wrong field count, a broken quote, or a line that is not text
     */
    public Row next() {
        String text;
        do {
            text = nextLine();
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        String[] fields = split(source, lineNumber, text);
        if (fields.length != header.size()) {
            throw new CsvInputException(source + " line " + lineNumber + ": " + fields.length
                    + " values; expected " + header.size() + ", one per column of the header");
        }
        return new Row(lineNumber, fields);
    }

    /** The next line without its terminator, or null at the end of the input. */
    private String nextLine() {
        line.setLength(0);
        try {
            int c = read();
            if (c == '\n' && pendingLineFeed) { // the LF of a CRLF whose CR ended the last line
                c = read();
            }
            pendingLineFeed = false;
            if (c < 0) {
                return null;
            }
            lineNumber++;
            while (c >= 0 && c != '\n' && c != '\r') {
                if (c == 0) {
                    throw new CsvInputException(source + " line " + lineNumber
                            + ": a NUL character; expected text (is this a CSV file?)");
                }
                if (line.length() == MAX_LINE_CHARS) {
                    throw new CsvInputException(source + " line " + lineNumber + " is longer than " + MAX_LINE_CHARS
                            + " characters; expected CSV lines (is this a CSV file?)");
                }
                line.append((char) c);
                c = read();
            }
            pendingLineFeed = c == '\r';
            return line.toString();
        } catch (CharacterCodingException e) {
            throw new CsvInputException(source + " line " + Math.max(lineNumber, 1) + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new CsvInputException(source + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /**
     * The next character, or -1 at the end of the input. Bytes are decoded as they are needed, so
     * that bytes that are not UTF-8 are reported when the reader reaches them, on their own line.
     */
    private int read() throws IOException {
        while (!chars.hasRemaining()) {
            if (malformed) {
                throw new CharacterCodingException();
            }
            if (endOfInput && !bytes.hasRemaining()) {
                return -1;
            }
            if (!endOfInput) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            chars.clear();
            malformed = decoder.decode(bytes, chars, endOfInput).isError();
            chars.flip();
        }
        return chars.get();
    }

    /** The fields of one line: RFC 4180 quoting, surrounding spaces of a field dropped. */
    static String[] split(String source, int line, String text) {
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
                        throw new CsvInputException(source + " line " + line + ", column " + (fields.size() + 1)
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
                    throw new CsvInputException(source + " line " + line + ", column " + (fields.size() + 1)
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

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // only read from: nothing is lost when closing it fails
        }
    }
}
