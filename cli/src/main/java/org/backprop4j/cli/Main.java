package org.backprop4j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import org.backprop4j.api.BackendSelectionException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code backprop4j} command. Exit codes: 0 success, 1 a check failed, 2 bad usage or
 * input. Errors are one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "backprop4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Gradients you can trust, on any tensor backend.",
        subcommands = {BackendsCommand.class, ConformanceCommand.class, TrainCommand.class, PredictCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GlobalOptions global;

    /** The options given to this run; subcommands reach them through {@code @ParentCommand}. */
    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; try 'backprop4j --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code; for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (verbose) {
            ((Logger) LoggerFactory.getLogger("org.backprop4j")).setLevel(Level.DEBUG);
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            err.println("backprop4j: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine c, ParseResult r) -> {
            boolean usage = e instanceof UsageException || e instanceof BackendSelectionException
                    || e instanceof IllegalArgumentException;
            err.println("backprop4j: " + (usage ? "" : "error: ") + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            } else if (!usage) {
                err.println("backprop4j: run with --verbose for the stack trace");
            }
            return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace(System.lineSeparator(), " ").replace('\n', ' ');
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"backprop4j " + (v == null ? "(development build)" : v)};
        }
    }
}
