package org.backprop4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code backprop4j train}: being written (see the project's open issues). */
@Command(name = "train", mixinStandardHelpOptions = true, hidden = true, description = "Not available yet.")
public final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        throw new UsageException("'train' is not available in this build yet");
    }
}
