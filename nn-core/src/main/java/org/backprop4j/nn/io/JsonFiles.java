package org.backprop4j.nn.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a small JSON file that may be anything: a size limit checked while reading (so
 * {@code /dev/zero} or a huge file is refused without being read whole), and errors that say
 * where the text stops being JSON without quoting it, so that a model.json that is a link to
 * another file ({@code /etc/passwd}) does not echo that file's content into an error message or
 * a log.
 */
final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The JSON value in {@code file}, which must be a regular file of at most {@code maxBytes}.
     *
     * @throws NoSuchFileException  when the file does not exist
     * @throws ModelFormatException when it is not a regular file, is too large, or is not JSON
     */
    static JsonNode readTree(ObjectMapper json, Path file, int maxBytes) throws IOException {
        String source = file.toString();
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new NoSuchFileException(source);
        }
        if (kind != FileKind.REGULAR_FILE) { // a named pipe would block on open, a device may never end
            throw new ModelFormatException(source + " " + kind.description() + "; expected a JSON file");
        }
        byte[] bytes = readAtMost(file, maxBytes, source);
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": not valid JSON" + at(e.getLocation()) + ": " + kind(e), e);
        } catch (IOException e) { // malformed UTF-8 and the like
            throw new ModelFormatException(source + ": not valid JSON text (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The JSON object in {@code file} (read as {@link #readTree} reads it) whose {@code "format"} is
     * {@code format} and whose keys are all in {@code topLevel}.
     *
     * @throws ModelFormatException for anything else, naming the file
     */
    static JsonNode readDocument(ObjectMapper json, Path file, int maxBytes, String format, Set<String> topLevel)
            throws IOException {
        String source = file.toString();
        JsonNode root = readTree(json, file, maxBytes);
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(source + ": expected a JSON object {\"format\": \"" + format + "\", ...}");
        }
        onlyKeys(root, source, topLevel);
        JsonNode found = root.get("format");
        if (found == null || !found.isTextual() || !found.asText().equals(format)) {
            throw new ModelFormatException(source + ": format is " + found + "; expected \"" + format + "\"");
        }
        return root;
    }

    /**
     * Rejects keys of {@code object} outside {@code allowed}, so a misspelt field is an error rather
     * than ignored; {@code where} starts the message.
     */
    static void onlyKeys(JsonNode object, String where, Set<String> allowed) throws ModelFormatException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ModelFormatException(where + " has unknown field '" + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static byte[] readAtMost(Path file, int maxBytes, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + (long) n > maxBytes) {
                    throw new ModelFormatException(source + ": more than " + maxBytes
                            + " bytes; a model description is far smaller (its weights are in the safetensors file)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** What kind of error, in words that quote nothing from the file. */
    private static String kind(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the text ends inside a value";
        }
        if (e instanceof StreamConstraintsException) {
            return "nested too deeply or a value too long";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate field")) {
            return "a key appears twice in one object";
        }
        if (m.startsWith("Trailing token")) {
            return "more text after the JSON value";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends inside a value";
        }
        if (m.startsWith("Unexpected character") || m.startsWith("Unrecognized token")
                || m.startsWith("Illegal") || m.startsWith("Invalid")) {
            return "unexpected text";
        }
        return "malformed JSON";
    }
}
