package org.backprop4j.nn.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a model directory as a whole, so that the directory holds the old model or the new one
 * and never a mix, and so that a failure leaves the old model readable and unchanged.
 *
 * <p>Why a whole directory and not file by file: {@code model.json} and {@code model.safetensors}
 * only make sense together, and no order of two renames avoids a moment (or, after a crash, a
 * state) where one file is new and the other old. So the files are written into a staging
 * directory beside the target ({@code .NAME.tmp-RANDOM}, on the same file system), each
 * {@linkplain AtomicFile checked and forced}, and the staging directory is renamed into place:
 * <ul>
 *   <li>no directory yet, or an empty one: one atomic {@code rename(2)}; a reader sees no model or
 *       the whole new one;</li>
 *   <li>a directory holding a model, with {@link Existing#REPLACE}: the old directory is renamed
 *       aside ({@code .NAME.old-RANDOM}), the staging directory renamed into place, the old one
 *       deleted. A failure of the second rename moves the old one back. Only a crash between the
 *       two renames leaves no directory at the name, and then the old model is whole in
 *       {@code .NAME.old-RANDOM} and the new one in {@code .NAME.tmp-RANDOM}.</li>
 * </ul>
 * Before anything is written, {@link #prepare} refuses a path that is a file, a directory that
 * holds a model unless {@link Existing#REPLACE} is asked, and a directory holding anything but a
 * model's files (which replacing it would lose); it creates missing parent directories and the
 * staging directory, so a target that cannot be written fails before the caller spends time on
 * what to write (training). {@link #close()} without {@link #commit()} deletes the staging
 * directory and leaves the target untouched.
 *
 * <p>Usage: {@code try (var w = ModelDirectoryWriter.prepare(dir, REFUSE, Set.of())) { ...;
 * w.writeModel(model); w.commit(); }}. Not thread-safe.
 */
public final class ModelDirectoryWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDirectoryWriter.class);

    /** What to do when the directory already holds a model. */
    public enum Existing {
        /** Refuse it ({@link OutputRefusedException.Reason#HOLDS_A_MODEL}): nothing is replaced without being asked. */
        REFUSE,
        /** Replace the model, as a whole. */
        REPLACE
    }

    private final Path directory;
    private final Path destination;
    private final Path staging;
    private final Set<String> files;
    private final UnaryOperator<OutputStream> filter;
    private final Set<String> written = new LinkedHashSet<>();
    private boolean finished;

    private ModelDirectoryWriter(Path directory, Path destination, Path staging, Set<String> files,
                                 UnaryOperator<OutputStream> filter) {
        this.directory = directory;
        this.destination = destination;
        this.staging = staging;
        this.files = files;
        this.filter = filter;
    }

    /**
     * Checks {@code directory} and makes the staging directory beside it.
     *
     * @param existing   whether a model already there may be replaced
     * @param extraFiles names of files the caller will add with {@link #writeFile} (e.g.
     *                   {@code loss_curve.png}); an existing directory may hold these too
     * @throws OutputRefusedException when the path is a file, holds a model and {@code existing}
     *                                is {@link Existing#REFUSE}, or holds anything else
     * @throws FileWriteException     when the parent or the staging directory cannot be created
     */
    public static ModelDirectoryWriter prepare(Path directory, Existing existing, Set<String> extraFiles)
            throws IOException {
        return prepare(directory, existing, extraFiles, UnaryOperator.identity());
    }

    /** As {@link #prepare(Path, Existing, Set)}, every file's stream passed through {@code filter} (fault injection in tests). */
    static ModelDirectoryWriter prepare(Path directory, Existing existing, Set<String> extraFiles,
                                        UnaryOperator<OutputStream> filter) throws IOException {
        Set<String> files = new LinkedHashSet<>(List.of(ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS));
        files.addAll(extraFiles);
        Path absolute = directory.toAbsolutePath().normalize();
        FileKind kind = FileKind.of(absolute);
        Path destination = absolute;
        switch (kind) {
            case MISSING -> createParents(directory, absolute);
            case DIRECTORY -> {
                destination = absolute.toRealPath();
                checkContents(directory, destination, files, existing);
            }
            case REGULAR_FILE, FIFO, CHARACTER_DEVICE, BLOCK_DEVICE, SOCKET, OTHER ->
                    throw new OutputRefusedException(OutputRefusedException.Reason.NOT_A_DIRECTORY,
                            directory + " " + kind.description() + "; a model is written into a directory");
        }
        if (destination.getParent() == null) {
            throw new OutputRefusedException(OutputRefusedException.Reason.NOT_A_DIRECTORY,
                    directory + " is the root of the file system; a model is written into a directory below it");
        }
        Path staging = sibling(destination, "tmp");
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new FileWriteException(directory, e);
        }
        return new ModelDirectoryWriter(directory, destination, staging, Set.copyOf(files), filter);
    }

    private static void createParents(Path directory, Path absolute) throws IOException {
        Path parent = absolute.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            throw new OutputRefusedException(OutputRefusedException.Reason.NOT_A_DIRECTORY,
                    "cannot create " + directory + ": " + e.getFile() + " is not a directory");
        } catch (IOException e) {
            throw new FileWriteException(directory, e);
        }
    }

    /** An existing directory may hold only a model's files, and those only when they may be replaced. */
    private static void checkContents(Path directory, Path destination, Set<String> files, Existing existing)
            throws IOException {
        List<String> own = new ArrayList<>();
        try (Stream<Path> entries = Files.list(destination)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!files.contains(name) || !Files.isRegularFile(entry)) {
                    throw new OutputRefusedException(OutputRefusedException.Reason.HOLDS_OTHER_FILES,
                            directory + " holds " + name + ", which is not one of a model's files ("
                                    + String.join(", ", files) + ") and would be lost; choose another directory");
                }
                own.add(name);
            }
        }
        if (!own.isEmpty() && existing == Existing.REFUSE) {
            throw new OutputRefusedException(OutputRefusedException.Reason.HOLDS_A_MODEL,
                    directory + " already holds a model (" + String.join(", ", new TreeSet<>(own)) + ")");
        }
    }

    private static Path sibling(Path destination, String what) {
        return destination.resolveSibling("." + destination.getFileName() + "." + what + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** Writes {@code model.json} and {@code model.safetensors} of {@code model} into the staging directory. */
    public void writeModel(SavedModel model) throws FileWriteException {
        ModelDirectory.writeFiles(model, (name, body) -> writeFile(name, body));
    }

    /**
     * Writes one file of the directory into the staging directory, checked and forced.
     *
     * @param name one of the model's files or of the {@code extraFiles} given to {@link #prepare}
     * @throws FileWriteException naming the file where it will end up, {@code DIR/name}
     */
    public void writeFile(String name, AtomicFile.Body body) throws FileWriteException {
        if (!files.contains(name)) {
            throw new IllegalArgumentException("file '" + name + "' is not one of " + files
                    + "; name it in prepare's extraFiles");
        }
        if (finished) {
            throw new IllegalStateException(directory + " was already committed or closed");
        }
        AtomicFile.write(staging.resolve(name), directory.resolve(name), body, filter);
        written.add(name);
    }

    /**
     * Puts the staging directory in place of the target, as the class describes.
     *
     * @throws FileWriteException when a file is missing or a rename fails; the target then holds what it held
     */
    public void commit() throws IOException {
        if (finished) {
            throw new IllegalStateException(directory + " was already committed or closed");
        }
        for (String required : List.of(ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS)) {
            if (!written.contains(required)) {
                throw new IllegalStateException("no " + required + " was written; call writeModel before commit");
            }
        }
        Path backup = null;
        try {
            AtomicFile.forceDirectory(staging);
            if (isEmptyOrMissing(destination)) {
                Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE); // rename(2) replaces an empty directory
            } else {
                backup = sibling(destination, "old");
                Files.move(destination, backup, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    try {
                        Files.move(backup, destination, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException restore) {
                        e.addSuppressed(restore);
                    }
                    throw e;
                }
            }
            AtomicFile.forceDirectory(destination.getParent());
        } catch (IOException e) {
            throw new FileWriteException(directory, e);
        }
        finished = true;
        if (backup != null) {
            deleteOld(backup);
        }
    }

    private static boolean isEmptyOrMissing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Deletes the previous model's files from its aside directory, then the directory. What
     * cannot be deleted, or anything added to the directory while it was being written, stays
     * there and is reported: nothing is lost, but the new model is in place either way.
     */
    private void deleteOld(Path backup) {
        try {
            for (String name : files) {
                Files.deleteIfExists(backup.resolve(name));
            }
            Files.delete(backup);
        } catch (IOException e) {
            LOG.warn("the previous model in {} was replaced; what was left of it is in {} ({})", directory, backup,
                    IoErrors.reason(e));
        }
    }

    /**
     * Abandons the write unless {@link #commit()} succeeded: deletes the staging directory and what
     * was written into it. The target is untouched.
     */
    @Override
    public void close() throws FileWriteException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            for (String name : files) {
                Files.deleteIfExists(staging.resolve(name));
            }
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            throw new FileWriteException(staging, e);
        }
    }
}
