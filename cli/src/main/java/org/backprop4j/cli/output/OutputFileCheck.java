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
        check(new Output("--output", output, "CSV", "the predictions"), "--input", input, modelDir, overwrite);
    }

    /**
     * Checks an output file written from the file {@code inputOption} names ({@code split --train-out},
     * written from {@code --data}): its directory exists; it is not a directory; it is not the input
     * file, by real path; and an existing file is replaced only with {@code --overwrite}. A device or
     * a named pipe is written to, not replaced.
     *
     * @param option names the option in messages, e.g. {@code --train-out}
     */
    public static void checkOutput(String option, Path output, String inputOption, Path input, boolean overwrite) {
        check(new Output(option, output, "CSV", "the rows"), inputOption, input, null, overwrite);
    }

    /**
     * An output file a command is asked to write.
     *
     * @param option   the option naming it, e.g. {@code --plot}
     * @param path     the path given
     * @param format   what kind of file it is, e.g. {@code PNG}
     * @param contents what it is to hold, e.g. {@code the confusion matrix}
     */
    public record Output(String option, Path path, String format, String contents) {
    }

    /**
     * Checks {@code output} as {@link #checkPredictions} checks {@code predict --output}: against
     * the input file that {@code inputOption} names and the model directory ({@code modelDir} null:
     * no model directory to protect).
     */
    public static void check(Output output, String inputOption, Path input, Path modelDir, boolean overwrite) {
        Path path = output.path();
        String name = output.option() + " " + path;
        try {
            FileKind kind = FileKind.of(path);
            if (kind == FileKind.DIRECTORY) {
                throw new UsageException(name + " is a directory; expected the name of a " + output.format()
                        + " file to write");
            }
            if (AtomicFile.writesInPlace(path)) {
                return; // a device or a pipe (/dev/null): written to, it replaces nothing
            }
            Path parent = path.toAbsolutePath().getParent();
            FileKind parentKind = FileKind.of(parent);
            if (parentKind != FileKind.DIRECTORY) {
                throw new UsageException(name + ": its directory " + parent + " "
                        + (parentKind == FileKind.MISSING ? "does not exist" : parentKind.description())
                        + "; create the directory first");
            }
            if (kind != FileKind.MISSING && Files.exists(input) && Files.isSameFile(path, input)) {
                throw new UsageException(name + " is the input file (" + inputOption + " " + input
                        + "); writing " + output.contents() + " there would destroy it; choose another file");
            }
            Path real = kind == FileKind.MISSING ? parent.toRealPath().resolve(path.getFileName())
                    : path.toRealPath();
            if (modelDir != null && FileKind.of(modelDir) == FileKind.DIRECTORY
                    && real.startsWith(modelDir.toRealPath())) {
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
