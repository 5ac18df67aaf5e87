package org.backprop4j.nn.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.DType;

/**
 * An open safetensors file ({@link SafeTensors} describes the format) whose header has been read
 * and checked against the file's size; its tensors are read one at a time, each through a
 * fixed 64 KiB buffer, so reading never holds more than one tensor (plus the buffer) and never
 * allocates more than the file holds. Nothing in the file is trusted: the header length is
 * checked against the file's size before the header is read, and every tensor's size against
 * its data offsets before it is read.
 *
 * <p>Not thread-safe. Close it to release the file.
 */
public final class SafeTensorsFile implements Closeable {
    private static final int CHUNK_BYTES = 1 << 16;

    private final String source;
    private final FileChannel channel;
    private final SafeTensorsHeader header;

    private SafeTensorsFile(String source, FileChannel channel, SafeTensorsHeader header) {
        this.source = source;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws NoSuchFileException  when the file does not exist
     * @throws ModelFormatException when it is not a regular file or its header is malformed or does
     *                              not fit its size, naming the file and the problem
     */
    public static SafeTensorsFile open(Path file) throws IOException {
        String source = file.toString();
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new NoSuchFileException(source);
        }
        if (kind != FileKind.REGULAR_FILE) { // a named pipe would block on open; a device has no size
            throw new ModelFormatException(source + " " + kind.description() + "; expected a safetensors file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            SafeTensorsHeader.checkSize(size, source);
            ByteBuffer first = ByteBuffer.allocate(SafeTensorsHeader.LENGTH_BYTES);
            readFully(channel, first, 0, source, "the header length");
            int n = SafeTensorsHeader.headerLength(first, size, source);
            ByteBuffer headerBytes = ByteBuffer.allocate(n);
            readFully(channel, headerBytes, SafeTensorsHeader.LENGTH_BYTES, source, "the header");
            headerBytes.flip();
            return new SafeTensorsFile(source, channel, SafeTensorsHeader.parse(headerBytes, size, source));
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer dst, long position, String source, String what)
            throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new ModelFormatException(source + ": ends at byte " + at + ", inside " + what
                        + "; the file changed or was cut short while it was read");
            }
            at += n;
        }
    }

    /** The tensors' keys, in the order of the header. */
    public List<String> keys() {
        return new ArrayList<>(header.entries().keySet());
    }

    /** Whether the file holds a tensor {@code key}. */
    public boolean contains(String key) {
        return header.entries().containsKey(key);
    }

    /** The element type tensor {@code key} is stored in. */
    public DType dtype(String key) {
        return entry(key).dtype();
    }

    /** A copy of tensor {@code key}'s shape. */
    public int[] shape(String key) {
        return entry(key).shape().clone();
    }

    private SafeTensorsHeader.Entry entry(String key) {
        SafeTensorsHeader.Entry e = header.entries().get(key);
        if (e == null) {
            throw new IllegalArgumentException(source + " has no tensor '" + key + "'; it has " + keys());
        }
        return e;
    }

    /**
     * The elements of tensor {@code key}, row-major, widened to double exactly (F32) or as stored
     * (F64); NaN and infinities are returned as they are, for the caller to judge.
     *
     * @throws ModelFormatException when the file ends before the tensor does (it changed since it was opened)
     */
    public double[] readDoubles(String key) throws IOException {
        SafeTensorsHeader.Entry e = entry(key);
        double[] values = new double[e.count()];
        int elementBytes = e.dtype().bytes();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = header.dataStart() + e.begin();
        int done = 0;
        while (done < values.length) {
            int elements = Math.min(values.length - done, CHUNK_BYTES / elementBytes);
            buffer.clear().limit(elements * elementBytes);
            readFully(channel, buffer, position, source, "tensor '" + key + "'");
            buffer.flip();
            for (int i = 0; i < elements; i++) {
                values[done + i] = e.dtype() == DType.FLOAT32 ? buffer.getFloat() : buffer.getDouble();
            }
            position += (long) elements * elementBytes;
            done += elements;
        }
        return values;
    }

    /** Every tensor, by key in the order of the header, each read with {@link #readDoubles}. */
    public Map<String, StoredTensor> readAll() throws IOException {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (String key : keys()) {
            out.put(key, new StoredTensor(dtype(key), shape(key), readDoubles(key)));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
