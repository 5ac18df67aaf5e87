package org.backprop4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code backprop4j predict}: being written (see the project's open issues). */
@Command(name = "predict", mixinStandardHelpOptions = true, hidden = true, description = "Not available yet.")
public final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        throw new UsageException("'predict' is not available in this build yet");
    }
}
