package org.backprop4j.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.api.Backends;
import org.backprop4j.bench.Suite;
import org.backprop4j.bench.report.Target;
import org.backprop4j.cli.bench.ReferenceScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backprop4j bench}: runs the JMH suite of {@code backprop4j-benchmarks} on every
 * available backend, built-in or from the plug-in path (or on those the backend setting names,
 * as for {@code conformance}), and writes JMH's JSON, a Markdown report and a PNG chart. Every
 * library gets the thread setting ({@code --threads}, default one per processor). See
 * {@code benchmarks/README.md} for what is measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the backends with JMH: matrix multiply (A B, A^T B, A B^T) per dtype and size, "
                + "a full training step (tiny, digits, large) through nn-core, and the large step written directly "
                + "with ND4J; heap allocation per step with -prof gc.",
                "Writes results.json (JMH's JSON), environment.json, report.md and chart.png into --out, with each "
                        + "backend's ratio to the fastest and to PyTorch, and which performance targets are met.",
                "The backends are those named by --backend, -Dbackprop4j.backend or BACKPROP4J_BACKEND (the first that "
                        + "is set; a comma-separated list); with none named, or all, every available backend, those of "
                        + "--plugin-path included. --threads (global) gives every library the same count (default: one "
                        + "per processor, as every backend defaults to; 1 compares single-core speed); PyTorch is compared "
                        + "at the same count.",
                "--quick takes about 8 minutes on 2 cores with the five shipped backends; a full run about 25."})
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Short run: gemm A B at n = 64 and 1024 only, 1 warmup and 3 measurement iterations of 1 s.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Directory for the results, report and chart (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Where JMH's JSON results go (default: DIR/results.json).")
    Path json;

    @Option(names = "--pytorch", description = "Measure the PyTorch reference again with " + ReferenceScript.RELATIVE_PATH
            + " (needs " + Suite.PYTHON + " with torch) instead of reading the bundled measurement.")
    boolean pytorch;

    @Override
    public Integer call() {
        GlobalOptions global = main.global();
        Backends backends = global.backends();
        int threads = backends.settings().threads().orElse(Runtime.getRuntime().availableProcessors());
        List<String> named = global.namedBackends();
        System.setProperty("java.awt.headless", "true");
        Path script = pytorch ? pytorchScript() : null;
        Suite.Settings settings = new Suite.Settings(quick, out, json != null ? json : out.resolve(Suite.RESULTS),
                named, threads, global.pluginJars(), script,
                "./backprop4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        Suite.Outcome outcome = Suite.run(settings, backends, System.out);
        PrintWriter w = spec.commandLine().getOut();
        for (Target t : outcome.targets()) {
            w.println("target " + t.name() + ": " + t.status() + (t.figures().isEmpty() ? "" : " (" + String.join("; ", t.figures()) + ")"));
        }
        w.println("wrote " + outcome.results() + ", " + outcome.report() + " and " + outcome.chart());
        w.flush();
        return ExitCodes.OK;
    }

    private static Path pytorchScript() {
        Path cliJar = codeSource();
        Path cwd = Path.of("");
        return ReferenceScript.locate(cliJar, cwd).orElseThrow(() -> new UsageException("--pytorch needs "
                + ReferenceScript.RELATIVE_PATH + "; not found at " + ReferenceScript.candidates(cliJar, cwd)));
    }

    /** Where this class was loaded from (the CLI jar), or null when the JVM does not say. */
    private static Path codeSource() {
        CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
