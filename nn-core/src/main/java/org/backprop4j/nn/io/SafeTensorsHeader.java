package org.backprop4j.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.DType;

/**
 * The header of a safetensors file, parsed and checked against the size of the file before any
 * tensor is read, so that no size written in the file can make a reader allocate more than the
 * file holds: the header length must fit in the file (and in {@link SafeTensors#MAX_HEADER_BYTES}),
 * and the tensors' data offsets, sorted, must tile the data section exactly, each tensor spanning
 * {@code product(shape) * element size} bytes. See {@link SafeTensors} for the format.
 */
final class SafeTensorsHeader {
    static final String METADATA_KEY = "__metadata__";
    static final int LENGTH_BYTES = 8;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor's entry: {@code begin} and {@code end} are offsets into the data section. */
    record Entry(String key, DType dtype, int[] shape, int count, long begin, long end) {
    }

    private final Map<String, Entry> entries;
    private final long dataStart;

    private SafeTensorsHeader(Map<String, Entry> entries, long dataStart) {
        this.entries = entries;
        this.dataStart = dataStart;
    }

    /** The tensors by key, in the order of the header. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** Where the data section starts in the file: {@code 8 + header length}. */
    long dataStart() {
        return dataStart;
    }

    /**
     * Checks that a file of {@code fileSize} bytes can hold a header length at all.
     *
     * @throws ModelFormatException when it is shorter than 8 bytes
     */
    static void checkSize(long fileSize, String source) throws ModelFormatException {
        if (fileSize < LENGTH_BYTES) {
            throw new ModelFormatException(source + ": " + fileSize
                    + " bytes; a safetensors file starts with an 8-byte header length");
        }
    }

    /**
     * The header length {@code N} from the first 8 bytes of a file of {@code fileSize} bytes.
     *
     * @throws ModelFormatException when the file is too short, or {@code N} exceeds the limit or the file
     */
    static int headerLength(ByteBuffer first8, long fileSize, String source) throws ModelFormatException {
        checkSize(fileSize, source);
        long n = first8.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n < 0 || n > SafeTensors.MAX_HEADER_BYTES) { // n < 0: an unsigned length of 2^63 or more
            throw new ModelFormatException(source + ": header length " + Long.toUnsignedString(n)
                    + " exceeds the " + SafeTensors.MAX_HEADER_BYTES + " bytes safetensors allows");
        }
        if (n > fileSize - LENGTH_BYTES) {
            throw new ModelFormatException(source + ": header length " + n + " runs past the end of the file ("
                    + (fileSize - LENGTH_BYTES) + " bytes follow the length)");
        }
        return (int) n;
    }

    /**
     * Parses and checks the {@code header} bytes of a file of {@code fileSize} bytes.
     *
     * @throws ModelFormatException naming {@code source} and what is wrong
     */
    static SafeTensorsHeader parse(ByteBuffer header, long fileSize, String source) throws ModelFormatException {
        String text = utf8(header, source);
        if (!text.startsWith("{")) {
            throw new ModelFormatException(source + ": header does not start with '{'; expected a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(source + ": header is not a JSON object");
        }
        List<Entry> list = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals(METADATA_KEY)) {
                checkMetadata(f.getValue(), source);
            } else {
                list.add(entry(f.getKey(), f.getValue(), source));
            }
        }
        long dataStart = LENGTH_BYTES + (long) header.limit();
        checkLayout(list, fileSize - dataStart, source);
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Entry e : list) {
            byKey.put(e.key, e);
        }
        return new SafeTensorsHeader(byKey, dataStart);
    }

    private static String utf8(ByteBuffer bytes, String source) throws ModelFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source + ": header is not valid UTF-8", e);
        }
    }

    private static void checkMetadata(JsonNode metadata, String source) throws ModelFormatException {
        if (!metadata.isObject()) {
            throw new ModelFormatException(source + ": " + METADATA_KEY + " is " + metadata.getNodeType()
                    + "; expected an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(source + ": " + METADATA_KEY + "." + e.getKey() + " is "
                        + e.getValue() + "; expected a string");
            }
        }
    }

    private static Entry entry(String key, JsonNode info, String source) throws ModelFormatException {
        String where = source + ": tensor '" + key + "'";
        if (!info.isObject()) {
            throw new ModelFormatException(where + " is " + info + "; expected {\"dtype\", \"shape\", \"data_offsets\"}");
        }
        JsonNode dtypeNode = info.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new ModelFormatException(where + " has dtype " + dtypeNode + "; expected a string");
        }
        DType dtype = switch (dtypeNode.asText()) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw new ModelFormatException(where + " has dtype " + dtypeNode.asText()
                    + "; supported: F32, F64");
        };
        JsonNode shapeNode = info.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new ModelFormatException(where + " has shape " + shapeNode + "; expected an array of dimensions");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new ModelFormatException(where + " has shape " + shapeNode
                        + "; expected dimensions that are integers in [0, " + Integer.MAX_VALUE + "]");
            }
            shape[i] = d.asInt();
            count = Math.min(count * shape[i], Integer.MAX_VALUE + 1L); // both factors <= 2^31: no overflow
        }
        if (count > Integer.MAX_VALUE) {
            throw new ModelFormatException(where + " of shape " + shapeNode + " has more than "
                    + Integer.MAX_VALUE + " elements");
        }
        JsonNode offsets = info.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !isOffset(offsets.get(0))
                || !isOffset(offsets.get(1))) {
            throw new ModelFormatException(where + " has data_offsets " + offsets
                    + "; expected [begin, end], two integers >= 0");
        }
        return new Entry(key, dtype, shape, (int) count, offsets.get(0).asLong(), offsets.get(1).asLong());
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
    }

    /** Sorted by offsets, the tensors must tile [0, dataLength) exactly, each of its own byte size. */
    private static void checkLayout(List<Entry> entries, long dataLength, String source) throws ModelFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        for (Entry e : byOffset) {
            String where = source + ": tensor '" + e.key + "'";
            if (e.begin != expectedBegin || e.end < e.begin) {
                throw new ModelFormatException(where + " has data_offsets [" + e.begin + ", " + e.end
                        + "]; expected to begin at " + expectedBegin + ", where the tensor before it ends");
            }
            long bytes = (long) e.count * e.dtype.bytes();
            if (e.end - e.begin != bytes) {
                throw new ModelFormatException(where + " spans " + (e.end - e.begin) + " bytes; its shape "
                        + Arrays.toString(e.shape) + " of " + SafeTensors.code(e.dtype) + " needs " + bytes);
            }
            expectedBegin = e.end;
        }
        if (expectedBegin != dataLength) {
            throw new ModelFormatException(source + ": the tensors cover " + expectedBegin
                    + " bytes of a data section of " + dataLength + "; expected them to cover it exactly");
        }
    }
}
