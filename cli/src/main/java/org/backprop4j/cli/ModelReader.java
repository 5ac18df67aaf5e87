package org.backprop4j.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.ModelFormatException;
import org.backprop4j.nn.io.ModelTooLargeException;
import org.backprop4j.nn.io.NonFiniteValues;
import org.backprop4j.nn.io.SavedModel;

/**
 * Reads a {@code --model} directory for a command: a missing file, a malformed model and one too
 * large for the JVM are bad input, a {@link UsageException} (exit 2) naming the file and, for
 * size, the {@code -Xmx} that would do.
 */
final class ModelReader {
    private ModelReader() {
    }

    /** {@link ModelDirectory#read(Path, Backend, NonFiniteValues)}, its errors as the class describes. */
    static SavedModel read(Path modelDir, Backend backend, NonFiniteValues nonFinite) throws IOException {
        try {
            return ModelDirectory.read(modelDir, backend, nonFinite);
        } catch (NoSuchFileException e) {
            throw new UsageException(e.getFile() + ": no such file" + (e.getReason() == null ? "" : "; " + e.getReason()), e);
        } catch (ModelTooLargeException e) {
            throw new UsageException(e.getMessage() + "; raise it with BACKPROP4J_JAVA_OPTS=" + e.estimate().suggestedXmx(), e);
        } catch (ModelFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
