package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, following symbolic links, for checks made before a file is opened (opening
 * a named pipe for reading waits for a writer, so a model file that is a pipe must be refused
 * before it is opened) and for errors that say what was found instead of "no such file".
 */
public enum FileKind {
    /** Nothing there: no such file, a symbolic link that leads nowhere, or a file on the way. */
    MISSING("does not exist"),
    REGULAR_FILE("is a file"),
    DIRECTORY("is a directory"),
    FIFO("is a named pipe (FIFO)"),
    CHARACTER_DEVICE("is a character device"),
    BLOCK_DEVICE("is a block device"),
    SOCKET("is a socket"),
    /** Something else this platform does not describe further. */
    OTHER("is not a regular file");

    /** The file-type bits of a POSIX {@code st_mode}. */
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO_BITS = 0010000;
    private static final int CHARACTER_DEVICE_BITS = 0020000;
    private static final int BLOCK_DEVICE_BITS = 0060000;
    private static final int SOCKET_BITS = 0140000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** As a predicate after the path: {@code "is a directory"}, {@code "is a named pipe (FIFO)"}, ... */
    public String description() {
        return description;
    }

    /**
     * What {@code path} names, following symbolic links.
     *
     * @throws IOException when its attributes cannot be read for another reason than its absence
     *                     (e.g. permission denied on a directory on the way)
     */
    public static FileKind of(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (FileSystemException e) {
            if (underAFile(path)) { // ENOTDIR: a file on the way, so nothing can be at the path
                return MISSING;
            }
            throw e;
        }
        if (a.isRegularFile()) {
            return REGULAR_FILE;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        return special(path);
    }

    private static boolean underAFile(Path path) {
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return !Files.isDirectory(p);
            }
        }
        return false;
    }

    private static FileKind special(Path path) {
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OTHER; // not a POSIX file system view: the type bits are not available
        }
        if (!(mode instanceof Integer m)) {
            return OTHER;
        }
        return switch (m & TYPE_MASK) {
            case FIFO_BITS -> FIFO;
            case CHARACTER_DEVICE_BITS -> CHARACTER_DEVICE;
            case BLOCK_DEVICE_BITS -> BLOCK_DEVICE;
            case SOCKET_BITS -> SOCKET;
            default -> OTHER;
        };
    }
}
