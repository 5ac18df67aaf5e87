package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.cli.conformance.Check;
import org.backprop4j.cli.conformance.ConformanceReport;
import org.backprop4j.cli.conformance.ConformanceRun;
import org.backprop4j.cli.conformance.ConformanceTable;
import org.backprop4j.conformance.CaseFile;
import org.backprop4j.conformance.Cases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j conformance}: runs the conformance kit's checks ({@link Check}: conformance
 * cases, the built-in PyTorch cases or a directory of one's own; finite differences; agreement
 * with the naive backend on random networks; the op contract) on every available backend, or on those the backend
 * setting names ({@code --backend}, {@code -Dbackprop4j.backend}, {@code BACKPROP4J_BACKEND}: the
 * same precedence as every command), and prints a table and every failure. Exit 0 when everything passed,
 * 1 when any case or network failed on any backend (a malformed case file is a failure), 2 for
 * unusable input.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Check that backends compute what PyTorch computes and agree with each other: run the "
                + "conformance kit's four checks on every available backend and print a table and each failure: "
                + "PyTorch-made cases (output, loss, every gradient, training runs), finite differences (backward "
                + "against forward, float64), agreement with the naive reference on random networks, and the op "
                + "contract (every op and SPI clause, naming the op, dtype, shapes and flags of a failure).",
                "The backends are those named by --backend, -Dbackprop4j.backend or BACKPROP4J_BACKEND (the first "
                        + "that is set; a comma-separated list); with none named, or all, every available backend.",
                "Exit status: 0 all passed, 1 a case or network failed (a malformed case file counts as failed), 2 unusable input."})
public final class ConformanceCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--cases", paramLabel = "DIR",
            description = "Directory of case files (*.json, read recursively) to run instead of the built-in cases.")
    Path cases;

    @Option(names = "--dtype", paramLabel = "float32|float64|all", defaultValue = "all",
            description = "Run only the cases of this dtype (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--checks", paramLabel = "LIST", defaultValue = "all",
            description = "Which checks to run: all, or a comma-separated list of pytorch, gradcheck, agreement, ops "
                    + "(default: ${DEFAULT-VALUE}).")
    String checks;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the results as JSON to FILE; if FILE ends in .md, a Markdown report there "
                    + "and the JSON next to it (the same name ending in .json).")
    Path report;

    @Override
    public Integer call() {
        Set<DType> dtypes = dtypes();
        Set<Check> selected = checks();
        if (cases != null && !selected.contains(Check.PYTORCH)) {
            throw new UsageException("--cases needs the pytorch check; --checks is '" + checks + "'");
        }
        List<CaseFile> files = selected.contains(Check.PYTORCH) ? caseFiles() : List.of();
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<Backend> backends = backends(unavailable);
        Backend reference = main.global().backends().get(ConformanceRun.REFERENCE);
        ConformanceRun run = ConformanceRun.execute(cases == null ? "built-in" : cases.toString(), dtypes, selected,
                backends, files, reference, unavailable);
        if (run.results().isEmpty()) {
            throw new UsageException("nothing to run: --checks '" + checks + "' with --dtype '" + dtype + "' on "
                    + String.join(", ", backends.stream().map(Backend::name).toList()) + " (finite differences run in "
                    + "float64 only; the agreement check compares with " + ConformanceRun.REFERENCE
                    + " and does not run on it)");
        }
        PrintWriter out = spec.commandLine().getOut();
        ConformanceTable.print(run, out);
        if (report != null) {
            try {
                for (Path written : ConformanceReport.write(run, report)) {
                    out.println("report: " + written);
                }
            } catch (IOException e) { // the run happened; its report could not be kept: a failure, not bad usage
                throw new RunFailedException(e.getMessage(), e);
            }
            out.flush();
        }
        return run.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Set<DType> dtypes() {
        if (dtype.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(DType.class);
        }
        try {
            return EnumSet.of(DType.parse(dtype));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype '" + dtype + "' is not supported; allowed: float32, float64, all");
        }
    }

    private Set<Check> checks() {
        try {
            return Check.parse(checks);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private List<CaseFile> caseFiles() {
        if (cases == null) {
            try {
                return Cases.builtIn();
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot read the built-in cases: " + e.getCause().getMessage(), e);
            }
        }
        List<CaseFile> found;
        try {
            found = Cases.fromDirectory(cases);
        } catch (NoSuchFileException e) {
            throw new UsageException("case directory '" + cases + "' does not exist");
        } catch (NotDirectoryException e) {
            throw new UsageException("--cases '" + cases + "' is not a directory; expected a directory of *.json case files");
        } catch (IOException e) {
            throw new UsageException("cannot read case directory '" + cases + "': " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new UsageException("case directory '" + cases + "' holds no *.json case files");
        }
        return found;
    }

    /**
     * The backends the backend setting names ({@link GlobalOptions#namedBackends()}: the option,
     * property or variable, one name or a comma-separated list), or, with no name or {@code all},
     * every available one (highest priority first), noting the unavailable ones in
     * {@code unavailable}.
     */
    private List<Backend> backends(Map<String, String> unavailable) {
        Backends discovered = main.global().backends();
        List<String> named = main.global().namedBackends();
        if (!named.isEmpty()) {
            return named.stream().map(discovered::get).toList();
        }
        List<Backend> all = new ArrayList<>();
        for (BackendInfo info : discovered.describe()) {
            if (info.probe().available()) {
                all.add(discovered.get(info.name()));
            } else {
                unavailable.put(info.name(), info.probe().detail());
            }
        }
        if (all.isEmpty()) {
            throw new UsageException("no backend is available to run the cases on; see 'backprop4j backends'");
        }
        return all;
    }
}
