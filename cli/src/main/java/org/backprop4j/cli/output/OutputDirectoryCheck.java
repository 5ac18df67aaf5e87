package org.backprop4j.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.backprop4j.cli.UsageException;
import org.backprop4j.nn.io.ModelDirectoryWriter;
import org.backprop4j.nn.io.OutputRefusedException;

/**
 * {@code train --out}: checked, and its staging directory made, before any work, so a target
 * that is a file, holds a model (without {@code --overwrite}), holds other files, or cannot be
 * created fails at once with exit 2 rather than after the training run.
 */
public final class OutputDirectoryCheck {
    private OutputDirectoryCheck() {
    }

    /**
     * A writer for the model directory {@code out} ({@link ModelDirectoryWriter#prepare}).
     *
     * @param overwrite  whether {@code --overwrite} was given
     * @param extraFiles the files the command adds beside the model
     * @throws UsageException naming the option, the path and what is wrong
     */
    public static ModelDirectoryWriter prepare(Path out, boolean overwrite, String... extraFiles) {
        try {
            return ModelDirectoryWriter.prepare(out, overwrite ? ModelDirectoryWriter.Existing.REPLACE
                    : ModelDirectoryWriter.Existing.REFUSE, Set.of(extraFiles));
        } catch (OutputRefusedException e) {
            String hint = switch (e.reason()) {
                case HOLDS_A_MODEL -> "; pass --overwrite to replace it, or choose another --out";
                case NOT_A_DIRECTORY, HOLDS_OTHER_FILES -> "";
            };
            throw new UsageException("--out " + e.getMessage() + hint, e);
        } catch (IOException e) {
            throw new UsageException("--out " + out + " cannot be written: " + e.getMessage(), e);
        }
    }
}
