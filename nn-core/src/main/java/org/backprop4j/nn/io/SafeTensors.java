package org.backprop4j.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
 * {@code __metadata__} is checked to be a map of strings and otherwise ignored. A file is read
 * through {@link SafeTensorsFile}: the header length is checked against the file's size before
 * the header is read, and tensors are read one at a time through a small buffer, so a file's
 * claims never make the reader allocate more than the file holds.
 *
 * <p>Writing produces what the reference writer produces for the same tensors apart from their
 * order: compact JSON without metadata, padded with spaces to a multiple of 8 bytes so the data
 * section is aligned, and tensors laid out one after another in the order of the map. Files are
 * written with {@link AtomicFile}: the old file stays whole until the new one is.
 */
public final class SafeTensors {
    /** The largest header the reference implementation accepts, in bytes. */
    public static final long MAX_HEADER_BYTES = 100_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensors() {
    }

    /** Reads every tensor of {@code file}, by key, in the order of the header. */
    public static Map<String, StoredTensor> read(Path file) throws IOException {
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            return f.readAll();
        }
    }

    /** Writes {@code tensors} to {@code file} atomically ({@link AtomicFile}), replacing it. */
    public static void write(Path file, Map<String, StoredTensor> tensors) throws IOException {
        Map<String, Source> sources = sources(tensors);
        byte[] header = header(sources); // before the file is opened: a reserved key writes nothing
        AtomicFile.write(file, out -> writeTo(out, header, sources));
    }

    /**
     * Writes the safetensors bytes of {@code tensors} to {@code out}, laid out in the map's order.
     * Does not close {@code out}.
     *
     * @throws IllegalArgumentException for the reserved key {@code __metadata__}
     */
    public static void write(OutputStream out, Map<String, StoredTensor> tensors) throws IOException {
        writeSources(out, sources(tensors));
    }

    /**
     * A tensor to write whose values are asked for only when it is written, so that writing a
     * model holds one tensor's values at a time.
     *
     * @param values gives the {@code product(shape)} elements, row-major
     */
    record Source(DType dtype, int[] shape, Supplier<double[]> values) {
        long byteLength() {
            long n = dtype.bytes();
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** As {@link #write(OutputStream, Map)}, for tensors whose values come when they are written. */
    static void writeSources(OutputStream out, Map<String, Source> tensors) throws IOException {
        writeTo(out, header(tensors), tensors);
    }

    private static Map<String, Source> sources(Map<String, StoredTensor> tensors) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Map.Entry<String, StoredTensor> e : tensors.entrySet()) {
            StoredTensor t = e.getValue();
            sources.put(e.getKey(), new Source(t.dtype(), t.shape(), t::values));
        }
        return sources;
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Source> tensors) throws IOException {
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Source t : tensors.values()) {
            double[] values = t.values().get();
            if (values.length * (long) t.dtype().bytes() != t.byteLength()) {
                throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(t.shape()) + " gave "
                        + values.length + " values");
            }
            for (double v : values) {
                if (chunk.remaining() < Double.BYTES) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                if (t.dtype() == DType.FLOAT32) {
                    chunk.putFloat((float) v);
                } else {
                    chunk.putDouble(v);
                }
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    /** The 8-byte length and the padded JSON header for {@code tensors}. */
    private static byte[] header(Map<String, Source> tensors) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Source> e : tensors.entrySet()) {
            if (e.getKey().equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("tensor key '" + SafeTensorsHeader.METADATA_KEY
                        + "' is reserved for the safetensors metadata; choose another key");
            }
            Source t = e.getValue();
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
        ByteBuffer out = ByteBuffer.allocate(SafeTensorsHeader.LENGTH_BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /**
     * Parses a whole safetensors file held in memory.
     *
     * @param source names the bytes in error messages, e.g. the file's path
     * @throws ModelFormatException naming {@code source} and what is wrong
     */
    public static Map<String, StoredTensor> decode(byte[] bytes, String source) throws ModelFormatException {
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = SafeTensorsHeader.headerLength(all, bytes.length, source);
        SafeTensorsHeader header = SafeTensorsHeader.parse(all.slice(SafeTensorsHeader.LENGTH_BYTES, n), bytes.length,
                source);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries().values()) {
            ByteBuffer data = all.slice((int) (header.dataStart() + e.begin()), (int) (e.end() - e.begin()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            double[] values = new double[e.count()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.dtype() == DType.FLOAT32 ? data.getFloat() : data.getDouble();
            }
            tensors.put(e.key(), new StoredTensor(e.dtype(), e.shape(), values));
        }
        return tensors;
    }

    /**
     * The bytes of a safetensors file holding {@code tensors}, laid out in the map's order.
     *
     * @throws IllegalArgumentException for the reserved key {@code __metadata__}, or tensors of
     *                                  more than {@link Integer#MAX_VALUE} bytes in all
     */
    public static byte[] encode(Map<String, StoredTensor> tensors) {
        long total = SafeTensorsHeader.LENGTH_BYTES;
        for (StoredTensor t : tensors.values()) {
            total += t.byteLength();
        }
        if (total > Integer.MAX_VALUE - MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("tensors take " + total + " bytes; write(Path, ...) writes files"
                    + " of any size, encode at most about " + (Integer.MAX_VALUE - MAX_HEADER_BYTES));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The safetensors name of a dtype: {@code F32} or {@code F64}. */
    public static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }
}
