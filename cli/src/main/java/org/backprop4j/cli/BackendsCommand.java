package org.backprop4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backprop4j backends}: every discovered backend, its probe result, and which one is selected and why. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every discovered backend (name, version, priority, dtypes, probe result) and which one is selected, and why.")
public final class BackendsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(main.global().backends().report(main.global().backendName()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
