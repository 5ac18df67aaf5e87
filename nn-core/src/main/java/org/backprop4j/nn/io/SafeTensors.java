package org.backprop4j.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.DType;

/**
 * Reads and writes the safetensors format (Hugging Face's {@code safetensors}, the format of
 * PyTorch's {@code safetensors.torch.save_file}):
 * <pre>
 *   8 bytes    N, the header length, unsigned 64-bit little-endian
 *   N bytes    a UTF-8 JSON object {"KEY": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}, ...}
 *              and optionally "__metadata__": {string: string}; padded with spaces
 *   the rest   the data section: each tensor's elements, row-major, little-endian, in bytes [b, e)
 * </pre>
 * Only the element types a network here is made of are supported: {@code F32} and {@code F64}.
 *
 * <p>Reading checks what the reference implementation checks and names the file and the key
 * in every error: the header length (at most 100,000,000 bytes, and within the file), valid
 * UTF-8 JSON starting with '{', no duplicate keys, and data offsets that, sorted, tile
 * the data section exactly from 0 to its end with {@code e - b = product(shape) * element size}.
 * {@code __metadata__} is checked to be a map of strings and otherwise ignored.
 *
 * <p>Writing produces what the reference writer produces for the same tensors apart from their
 * order: compact JSON without metadata, padded with spaces to a multiple of 8 bytes so the data
 * section is aligned, and tensors laid out one after another in the order of the map.
 */
public final class SafeTensors {
    /** The largest header the reference implementation accepts, in bytes. */
    public static final long MAX_HEADER_BYTES = 100_000_000;

    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SafeTensors() {
    }

    /** Reads every tensor of {@code file}, by key, in the order of the header. */
    public static Map<String, StoredTensor> read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Writes {@code tensors} to {@code file}, replacing it. */
    public static void write(Path file, Map<String, StoredTensor> tensors) throws IOException {
        Files.write(file, encode(tensors));
    }

    /**
     * Parses a whole safetensors file held in memory.
     *
     * @param source names the bytes in error messages, e.g. the file's path
     * @throws ModelFormatException naming {@code source} and what is wrong
     */
    public static Map<String, StoredTensor> decode(byte[] bytes, String source) throws ModelFormatException {
        if (bytes.length < 8) {
            throw new ModelFormatException(source + ": " + bytes.length
                    + " bytes; a safetensors file starts with an 8-byte header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) { // n < 0: an unsigned length of 2^63 or more
            throw new ModelFormatException(source + ": header length " + Long.toUnsignedString(n)
                    + " exceeds the " + MAX_HEADER_BYTES + " bytes safetensors allows");
        }
        if (n > bytes.length - 8) {
            throw new ModelFormatException(source + ": header length " + n + " runs past the end of the file ("
                    + (bytes.length - 8) + " bytes follow the length)");
        }
        String header = utf8(bytes, (int) n, source);
        if (!header.startsWith("{")) {
            throw new ModelFormatException(source + ": header does not start with '{'; expected a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.isObject()) {
            throw new ModelFormatException(source + ": header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals(METADATA_KEY)) {
                checkMetadata(f.getValue(), source);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), source));
            }
        }
        long dataStart = 8 + n;
        long dataLength = bytes.length - dataStart;
        checkLayout(entries, dataLength, source);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (dataStart + e.begin), (int) (e.end - e.begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            double[] values = new double[(int) e.count];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.dtype == DType.FLOAT32 ? data.getFloat() : data.getDouble();
            }
            tensors.put(e.key, new StoredTensor(e.dtype, e.shape, values));
        }
        return tensors;
    }

    /**
     * The bytes of a safetensors file holding {@code tensors}, laid out in the map's order.
     *
     * @throws IllegalArgumentException for the reserved key {@code __metadata__}
     */
    public static byte[] encode(Map<String, StoredTensor> tensors) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, StoredTensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor key '" + METADATA_KEY
                        + "' is reserved for the safetensors metadata; choose another key");
            }
            StoredTensor t = e.getValue();
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", code(t.dtype()));
            ArrayNode shape = info.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + t.byteLength());
            offset += t.byteLength();
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8; // spaces up to a multiple of 8 bytes, as the reference writer
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensors take " + total + " bytes; at most " + Integer.MAX_VALUE
                    + " can be written in one file here");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (StoredTensor t : tensors.values()) {
            for (int i = 0; i < t.size(); i++) {
                if (t.dtype() == DType.FLOAT32) {
                    out.putFloat((float) t.get(i));
                } else {
                    out.putDouble(t.get(i));
                }
            }
        }
        return out.array();
    }

    /** The safetensors name of a dtype: {@code F32} or {@code F64}. */
    public static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }

    private record Entry(String key, DType dtype, int[] shape, long count, long begin, long end) {
    }

    private static String utf8(byte[] bytes, int n, String source) throws ModelFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, n));
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
        return new Entry(key, dtype, shape, count, offsets.get(0).asLong(), offsets.get(1).asLong());
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
            long bytes = e.count * e.dtype.bytes();
            if (e.end - e.begin != bytes) {
                throw new ModelFormatException(where + " spans " + (e.end - e.begin) + " bytes; its shape "
                        + Arrays.toString(e.shape) + " of " + code(e.dtype) + " needs " + bytes);
            }
            expectedBegin = e.end;
        }
        if (expectedBegin != dataLength) {
            throw new ModelFormatException(source + ": the tensors cover " + expectedBegin
                    + " bytes of a data section of " + dataLength + "; expected them to cover it exactly");
        }
    }
}
