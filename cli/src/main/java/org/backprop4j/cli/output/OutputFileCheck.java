package org.backprop4j.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.cli.UsageException;
import org.backprop4j.nn.io.AtomicFile;
import org.backprop4j.nn.io.FileKind;
import org.backprop4j.nn.io.IoErrors;

/**
 * The checks an output file passes before a command does any work, so that nothing the user has
 * is destroyed by a mistyped option and a bad target fails at once rather than after the work.
 * Each failed check is a {@link UsageException} (exit 2) naming the option, the path and what
 * is wrong.
 */
public final class OutputFileCheck {
    private static final List<Path> STANDARD_OUTPUT = List.of(Path.of("/dev/stdout"), Path.of("/dev/fd/1"),
            Path.of("/proc/self/fd/1"));

    private OutputFileCheck() {
    }

    /**
     * Whether {@code output} names standard output ({@code /dev/stdout}, {@code /dev/fd/1}): a
     * command writes that through its own standard output. Opened anew, it would be a second
     * handle with its own offset when standard output is a file, and the two would overwrite each other.
     */
    public static boolean isStandardOutput(Path output) {
        return STANDARD_OUTPUT.contains(output.toAbsolutePath().normalize());
    }

    /**
     * Checks {@code predict --output}: its directory exists; it is not a directory; it is not the
     * input file, by real path (so not through a link or a hard link either); it is not inside the
     * model directory; and an existing file is replaced only with {@code --overwrite}. A device or
     * a named pipe ({@code /dev/null}) is written to, not replaced ({@link AtomicFile#writesInPlace}),
     * and needs no {@code --overwrite}; standard output ({@link #isStandardOutput}) is the caller's to handle.
     *
     * @param output    the {@code --output} path
     * @param input     the {@code --input} path
     * @param modelDir  the {@code --model} directory
     * @param overwrite whether {@code --overwrite} was given
     */
    public static void checkPredictions(Path output, Path input, Path modelDir, boolean overwrite) {
        check("--output " + output, output, "--input", input, "the predictions", modelDir, overwrite);
    }

    /**
     * Checks an output file written from the file {@code inputOption} names ({@code split --train-out},
     * written from {@code --data}): its directory
     * exists; it is not a directory; it is not the input file, by real path; and an existing file is
     * replaced only with {@code --overwrite}. A device or a named pipe is written to, not replaced.
     *
     * @param option names the option in messages, e.g. {@code --train-out}
     */
    public static void checkOutput(String option, Path output, String inputOption, Path input, boolean overwrite) {
        check(option + " " + output, output, inputOption, input, "the rows", null, overwrite);
    }

    /** The checks of {@link #checkPredictions}; {@code modelDir} null: no model directory to protect. */
    private static void check(String name, Path output, String inputOption, Path input, String what, Path modelDir,
                              boolean overwrite) {
        try {
            FileKind kind = FileKind.of(output);
            if (kind == FileKind.DIRECTORY) {
                throw new UsageException(name + " is a directory; expected the name of a CSV file to write");
            }
            if (AtomicFile.writesInPlace(output)) {
                return; // a device or a pipe (/dev/null): written to, it replaces nothing
            }
            Path parent = output.toAbsolutePath().getParent();
            FileKind parentKind = FileKind.of(parent);
            if (parentKind != FileKind.DIRECTORY) {
                throw new UsageException(name + ": its directory " + parent + " "
                        + (parentKind == FileKind.MISSING ? "does not exist" : parentKind.description())
                        + "; create the directory first");
            }
            if (kind != FileKind.MISSING && Files.exists(input) && Files.isSameFile(output, input)) {
                throw new UsageException(name + " is the input file (" + inputOption + " " + input + "); writing "
                        + what + " there would destroy it; choose another file");
            }
            Path real = kind == FileKind.MISSING ? parent.toRealPath().resolve(output.getFileName())
                    : output.toRealPath();
            if (modelDir != null && FileKind.of(modelDir) == FileKind.DIRECTORY && real.startsWith(modelDir.toRealPath())) {
                throw new UsageException(name + " is inside the model directory " + modelDir
                        + "; writing there could replace the model; choose a file outside it");
            }
            if (kind == FileKind.REGULAR_FILE && !overwrite) {
                throw new UsageException(name + " already exists; pass --overwrite to replace it");
            }
        } catch (IOException e) {
            throw new UsageException(name + ": cannot check it: " + IoErrors.reason(e), e);
        }
    }
}
