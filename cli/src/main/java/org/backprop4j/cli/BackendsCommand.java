package org.backprop4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
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
        Backends backends = main.global().backends();
        List<BackendInfo> infos = backends.describe();
        spec.commandLine().getOut().print(BackendsTable.format(infos, backends.describeThreads(),
                backends.resolve(main.global().backendName()).describe()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
