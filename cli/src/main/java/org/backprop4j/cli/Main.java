package org.backprop4j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Supplier;
import org.backprop4j.api.BackendSelectionException;
import org.backprop4j.cli.output.RecordingOutputStream;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.io.IoErrors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code backprop4j} command. Exit codes: 0 success, 1 a check failed or the run failed (an
 * I/O error, output that could not be written, out of memory), 2 bad usage or input. Errors are
 * one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "backprop4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Gradients you can trust, on any tensor backend.",
        subcommands = {BackendsCommand.class, ConformanceCommand.class, SplitCommand.class, TrainCommand.class,
                PredictCommand.class, EvaluateCommand.class, BenchCommand.class})
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
        RecordingOutputStream stdout = new RecordingOutputStream(new FileOutputStream(FileDescriptor.out));
        System.exit(run(args, new PrintWriter(new OutputStreamWriter(stdout, Charset.defaultCharset()), true),
                new PrintWriter(System.err, true), () -> stdout.failure() == null ? null : IoErrors.reason(stdout.failure())));
    }

    /** Runs the CLI with the given streams and returns the exit code; for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, () -> null);
    }

    /**
     * Runs the CLI; {@code outFailure} gives the reason a write to {@code out} failed, if one did.
     * A command whose output could not be written fails (exit 1) whatever it returned, and so
     * does one that ran out of memory, each with one line on {@code err}.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<String> outFailure) {
        int code;
        try {
            code = execute(args, out, err);
        } catch (OutOfMemoryError e) { // the command's objects are garbage now: there is room to say so
            err.println("backprop4j: error: " + outOfMemory(e));
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            }
            code = ExitCodes.FAILED;
        }
        out.flush();
        if (out.checkError()) {
            String reason = outFailure.get();
            err.println("backprop4j: error: cannot write standard output" + (reason == null ? "" : ": " + reason));
            return code == ExitCodes.OK ? ExitCodes.FAILED : code;
        }
        return code;
    }

    /** {@code "out of memory (Java heap space); the JVM may use 1.0 GB; raise it with BACKPROP4J_JAVA_OPTS=-Xmx2g"}. */
    static String outOfMemory(OutOfMemoryError e) {
        long limit = MemoryEstimate.jvmLimit();
        return "out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; the JVM may use "
                + MemoryEstimate.format(limit) + "; raise it with BACKPROP4J_JAVA_OPTS="
                + new MemoryEstimate(limit * 2).suggestedXmx();
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
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
            boolean explained = e instanceof RunFailedException || e instanceof IOException
                    || e instanceof UncheckedIOException; // the message says it all: file and reason
            err.println("backprop4j: " + (usage ? "" : "error: ") + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            } else if (!usage && !explained) {
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
