package org.backprop4j.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The file a run trained on, as a checkpoint records it: the path as it was given, and the
 * content's size and SHA-256, so a resumed run can tell that the data changed (a different hash)
 * from that it moved (the same hash at another path).
 *
 * @param path   the path as given
 * @param bytes  the file's size in bytes
 * @param sha256 the SHA-256 of its content, 64 lower-case hexadecimal digits
 */
public record DataSource(String path, long bytes, String sha256) {
    public DataSource {
        Objects.requireNonNull(path, "path");
        if (bytes < 0) {
            throw new IllegalArgumentException("data size (" + bytes + ") must be >= 0");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("data sha256 '" + sha256 + "' is not 64 lower-case hexadecimal digits");
        }
    }

    /**
     * Reads {@code file} once, streaming, and records it.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws IOException         when it cannot be read, or is not a regular file (a pipe's content could not
     *                     be read again to compare)
     */
    public static DataSource of(Path file) throws IOException {
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new NoSuchFileException(file.toString());
        }
        if (kind != FileKind.REGULAR_FILE) {
            throw new IOException(file + " " + kind.description() + "; a run that saves checkpoints needs its data in "
                    + "a regular file, to check it when the run is resumed");
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new DataSource(file.toString(), bytes, HexFormat.of().formatHex(digest.digest()));
    }

    /** Whether {@code other} records the same content (size and hash), wherever it is. */
    public boolean sameContent(DataSource other) {
        return bytes == other.bytes && sha256.equals(other.sha256);
    }
}
