package org.backprop4j.nn.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A file written so that a reader sees its old content or its new content, whole, and never a
 * part of either; and so that a failed write says so.
 *
 * <p>The bytes go to a temporary file next to the target ({@code .NAME.RANDOM.tmp}, in the same
 * directory and so on the same file system), which is flushed, forced to the device
 * ({@link FileChannel#force}) and renamed over the target in one atomic {@code rename(2)}; then
 * the directory is forced, so that the rename survives a crash. Every write, the force, the close
 * and the rename are checked. On any failure, or when the writer is closed without
 * {@link #commit()}, the temporary file is deleted and the target keeps what it held (or stays
 * absent). Errors are {@link FileWriteException}s naming the target and the operating system's
 * reason. A target that is a symbolic link is written where the link points.
 *
 * <p>A target that exists and is not a regular file, such as {@code /dev/null}, {@code /dev/full}
 * or a named pipe, cannot be replaced by a rename: it is written in place, every write checked
 * ({@code --output /dev/full} fails with "No space left on device"); see {@link #writesInPlace}.
 * A directory is refused.
 *
 * <p>Not thread-safe: one thread writes one file.
 */
public final class AtomicFile implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;

    /** What to write, given the stream; the stream is flushed and closed by {@link AtomicFile}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path destination;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean finished;

    private AtomicFile(Path target, Path destination, Path temporary, FileChannel channel,
                       UnaryOperator<OutputStream> filter) {
        this.target = target;
        this.destination = destination;
        this.temporary = temporary;
        this.channel = channel;
        this.stream = new NamedErrors(new BufferedOutputStream(filter.apply(Channels.newOutputStream(channel)),
                BUFFER_BYTES));
    }

    /** Writes {@code body} to {@code target} atomically, replacing what it held. */
    public static void write(Path target, Body body) throws FileWriteException {
        write(target, target, body, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, Body)}, the file at {@code path} named {@code target} in errors (a
     * file in a staging directory is named by where it will end up), its stream passed through
     * {@code filter} (tests inject faults with it).
     */
    static void write(Path path, Path target, Body body, UnaryOperator<OutputStream> filter)
            throws FileWriteException {
        try (AtomicFile file = open(path, target, filter)) {
            try {
                body.writeTo(file.stream());
            } catch (FileWriteException e) {
                throw e;
            } catch (IOException e) {
                throw new FileWriteException(target, e);
            }
            file.commit();
        }
    }

    /**
     * Opens {@code target} for writing: a new temporary file beside it, or the target itself when
     * it is a device or a pipe. Nothing is visible at {@code target} until {@link #commit()}.
     *
     * @throws FileWriteException when the target is a directory, its directory is missing or the
     *                            temporary file cannot be created
     */
    public static AtomicFile open(Path target) throws FileWriteException {
        return open(target, target, UnaryOperator.identity());
    }

    static AtomicFile open(Path path, Path target, UnaryOperator<OutputStream> filter) throws FileWriteException {
        Path absolute = path.toAbsolutePath();
        try {
            BasicFileAttributes existing = attributes(absolute);
            if (existing != null && existing.isDirectory()) {
                throw new FileSystemException(target.toString(), null, "it is a directory");
            }
            if (writesInPlace(absolute)) { // a device or a pipe: no rename can replace it
                return new AtomicFile(target, absolute, null, FileChannel.open(absolute, StandardOpenOption.WRITE),
                        filter);
            }
            Path destination = existing != null ? absolute.toRealPath() : absolute;
            Path directory = destination.getParent();
            for (int attempt = 1; ; attempt++) {
                Path temporary = directory.resolve("." + destination.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return new AtomicFile(target, destination, temporary, channel, filter);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == NAME_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new FileWriteException(target, e);
        }
    }

    /**
     * Whether {@code target} is written in place rather than replaced: it exists (following
     * links) and is neither a regular file nor a directory, so a device or a pipe.
     */
    public static boolean writesInPlace(Path target) {
        BasicFileAttributes existing = attributes(target.toAbsolutePath());
        return existing != null && !existing.isDirectory() && !existing.isRegularFile();
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // absent (or a dangling link): a new file
        }
    }

    /**
     * The stream to write the content to. Its errors are {@link FileWriteException}s naming the
     * target; closing it does nothing ({@link #commit()} and {@link #close()} end the file).
     */
    public OutputStream stream() {
        return stream;
    }

    /** The file as the caller named it. */
    public Path target() {
        return target;
    }

    /**
     * Makes the content visible at the target: flush, force, close, rename, force the directory
     * (for a device or pipe: flush and close).
     *
     * @throws FileWriteException naming the target and the reason; the target then holds what it held before
     */
    public void commit() throws FileWriteException {
        if (finished) {
            throw new IllegalStateException(target + " was already committed or closed");
        }
        try {
            stream.flush();
            if (temporary != null) {
                channel.force(true);
            }
            channel.close();
            if (temporary != null) {
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory(destination.getParent());
            }
            finished = true;
        } catch (FileWriteException e) {
            throw e;
        } catch (IOException e) {
            throw new FileWriteException(target, e);
        }
    }

    /**
     * Abandons the file unless {@link #commit()} succeeded: the temporary file is deleted and the
     * target is left as it was. Safe to call more than once.
     *
     * @throws FileWriteException when the temporary file cannot be deleted
     */
    @Override
    public void close() throws FileWriteException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } catch (IOException e) {
            // the content is being abandoned: an error closing it changes nothing
        }
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new FileWriteException(temporary, e);
            }
        }
    }

    /** Forces a directory's entries (a rename in it) to the device, as {@code fsync} on the directory. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Turns every error of the stream into a {@link FileWriteException} naming the target. */
    private final class NamedErrors extends ErrorHookOutputStream {
        NamedErrors(OutputStream out) {
            super(out);
        }

        @Override
        protected IOException onError(IOException e) {
            return e instanceof FileWriteException ? e : new FileWriteException(target, e);
        }

        @Override
        public void close() {
            // ended by commit() or AtomicFile.close()
        }
    }
}
