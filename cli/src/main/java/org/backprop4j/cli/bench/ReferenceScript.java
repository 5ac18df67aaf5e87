package org.backprop4j.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@value #RELATIVE_PATH}, the script that measures the PyTorch reference, in the
 * checkout the CLI runs from: next to the directory holding {@code cli/target/backprop4j-cli.jar},
 * or under the working directory.
 */
public final class ReferenceScript {
    /** The script's path inside the repository. */
    public static final String RELATIVE_PATH = "tools/pytorch/bench_reference.py";

    private ReferenceScript() {
    }

    /**
     * The script, looked for in the repository that holds {@code cliJar} (its
     * {@code <root>/cli/target/} directory) and then under {@code workingDirectory}.
     *
     * @param cliJar           where the CLI's classes were loaded from (a jar or a classes directory); may be null
     * @param workingDirectory the current directory
     */
    public static Optional<Path> locate(Path cliJar, Path workingDirectory) {
        return candidates(cliJar, workingDirectory).stream().filter(Files::isRegularFile).findFirst();
    }

    /** Every place {@link #locate} looks, in order; for error messages. */
    public static List<Path> candidates(Path cliJar, Path workingDirectory) {
        List<Path> places = new ArrayList<>();
        if (cliJar != null) {
            Path target = cliJar.toAbsolutePath().getParent(); // cli/target for the jar, cli/target for classes/
            if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                places.add(target.getParent().getParent().resolve(RELATIVE_PATH).normalize());
            }
        }
        places.add(workingDirectory.toAbsolutePath().resolve(RELATIVE_PATH).normalize());
        return places;
    }
}
