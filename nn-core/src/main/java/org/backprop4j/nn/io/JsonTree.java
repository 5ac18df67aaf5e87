package org.backprop4j.nn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.backprop4j.nn.SpecFormatException;

/**
 * Strict parsing of one JSON document into a tree whose numbers keep their decimal text
 * ({@link DecimalText} inside a {@code POJONode}), so that {@link JsonValues} can round each one
 * once, straight to the dtype it is read in, and {@code -0.0} keeps its sign. A key given twice in
 * one object, content after the document, or an empty input is an error. Case files are read this
 * way; {@link JsonValues} also reads trees Jackson's {@code ObjectMapper} made.
 */
public final class JsonTree {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A JSON number as written, so that it can be rounded once, to the right type. */
    public record DecimalText(String text) {
    }

    private JsonTree() {
    }

    /**
     * Parses {@code in} (UTF-8 JSON, one value); does not close it.
     *
     * @throws SpecFormatException at {@code line L, column C} for text that is not JSON, at the
     *                             JSON path of a key given twice, at {@code $} for an empty input
     * @throws IOException         when {@code in} cannot be read
     */
    public static JsonNode parse(InputStream in) throws IOException, SpecFormatException {
        try (JsonParser parser = JSON.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() == null) {
                throw new SpecFormatException("$", "the file is empty; expected a JSON object");
            }
            JsonNode root = tree(parser, "$");
            if (parser.nextToken() != null) {
                throw new SpecFormatException(at(parser.currentTokenLocation()),
                        "content after the end of the JSON object; expected one object per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SpecFormatException(at(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code $.a.b} for identifier keys, {@code $.a["0.weight"]} for the others. */
    public static String child(String path, String key) {
        return IDENTIFIER.matcher(key).matches() ? path + "." + key
                : path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String at(JsonLocation location) {
        return location == null ? "JSON" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A tree of the JSON value at the parser's current token; numbers kept as text, duplicate keys rejected. */
    private static JsonNode tree(JsonParser p, String path) throws IOException, SpecFormatException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    String child = child(path, key);
                    p.nextToken();
                    if (object.has(key)) {
                        throw new SpecFormatException(child, "the key \"" + key
                                + "\" appears twice in one object; expected each key once");
                    }
                    object.set(key, tree(p, child));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(p, path + "[" + array.size() + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return NODES.pojoNode(new DecimalText(p.getText()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new SpecFormatException(path, "unexpected JSON token " + token);
        }
    }
}
