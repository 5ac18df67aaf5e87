package org.backprop4j.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
import org.backprop4j.api.Setting;
import org.backprop4j.bench.report.BenchResult;
import org.backprop4j.bench.report.Environment;
import org.backprop4j.bench.report.JmhResults;
import org.backprop4j.bench.report.PyTorchReference;
import org.backprop4j.bench.report.Report;
import org.backprop4j.bench.report.Target;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite in one call, as {@code ./backprop4j bench} runs it: picks the backends that
 * are available here (built-in or from the plug-in path, found by discovery), runs the gemm,
 * training-step and raw-ND4J benchmarks with {@code -prof gc} (one JMH fork each, the backend
 * names given to JMH as the {@code backend} parameter), merges JMH's JSON, and writes
 * {@code environment.json}, the Markdown report and the chart next to it.
 *
 * <p>Every fork gets the thread count as the thread setting of every backend
 * ({@code -Dbackprop4j.threads}) and the plug-in jars as {@code -Dbackprop4j.plugin.path}, so it
 * discovers the same backends ({@link BenchBackends}) and each provider applies the count itself.
 *
 * <p>{@link Settings#quick()} measures gemm only as {@code A B} at n = 64 and 1024 with 2 warmup
 * and 3 measurement iterations of 1 s; the full run measures every
 * size and form (gemm: 2 + 3 iterations of 1 s; steps: 3 + 5 of 2 s; 12 min 40 s measured on 2
 * cores).
 */
public final class Suite {
    /** The benchmark JVMs' logging: warnings only, so JMH's output stays readable. */
    public static final String LOGGING = "-Dlogback.configurationFile=org/backprop4j/bench/logback-bench.xml";
    /** The backends this project ships; one that is not discovered is noted in the report. */
    public static final List<String> SHIPPED_BACKENDS = List.of("naive", "ejml", "nd4j");
    /**
     * Every fork adds the Vector API's module, whether or not this JVM has it: the vector backend
     * and {@link FmaPeakBenchmark} need it, and the JDK always has it (JDK 17 to 25 as incubator).
     */
    static final String[] VECTOR_MODULE = {"--add-modules", "jdk.incubator.vector"};
    /**
     * Warm-up iterations of 1 s in a quick run: two, since a single second can end before C2 has
     * compiled the vector backend's loops (they take seconds to warm up); the second costs 1 s per
     * step benchmark, 30 s for five backends.
     */
    static final int QUICK_WARMUP_ITERATIONS = 2;
    /** The interpreter the PyTorch reference runs with: Debian's, which has {@code python3-torch}. */
    public static final String PYTHON = "/usr/bin/python3";
    /** Where {@code --json} puts the merged JMH results unless told otherwise. */
    public static final String RESULTS = "results.json";
    public static final String ENVIRONMENT = "environment.json";
    public static final String PYTORCH_RESULTS = "pytorch-reference.json";
    /** What each benchmark JVM started with {@code --add-modules jdk.incubator.vector} prints first; dropped from JMH's output. */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";

    /**
     * What to run and where to write it.
     *
     * @param quick         the short run described on {@link Suite}
     * @param outDir        where results, environment, report and chart go
     * @param jsonFile      where JMH's merged JSON goes (usually {@code outDir/results.json})
     * @param backends      the backends to measure; empty for every available one
     * @param threads       the thread count every library gets (see {@link BenchThreads}), {@code >= 1}
     * @param pluginJars    the plug-in jars the backends were discovered in, for the forks; empty for none
     * @param pytorchScript when not null, the PyTorch reference is measured again with this script
     *                      instead of read from the bundled file
     * @param command       the command line recorded in the report
     */
    public record Settings(boolean quick, Path outDir, Path jsonFile, List<String> backends, int threads,
                           List<Path> pluginJars, Path pytorchScript, String command) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
            }
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(jsonFile, "jsonFile");
            backends = List.copyOf(backends);
            pluginJars = List.copyOf(pluginJars);
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * What a run wrote.
     *
     * @param results the merged JMH JSON
     * @param report  the Markdown report
     * @param chart   the PNG chart
     * @param targets the targets as evaluated on this run
     */
    public record Outcome(Path results, Path report, Path chart, List<Target> targets) {
    }

    private Suite() {
    }

    /**
     * Runs the suite on backends from {@code discovered}, which must have been discovered from
     * the class path and {@link Settings#pluginJars()}, as the forks will.
     *
     * @throws IllegalArgumentException for a requested backend that is unknown or unavailable, or
     *                                  when no backend is available
     * @throws IllegalStateException    when JMH or the PyTorch script fails
     */
    public static Outcome run(Settings settings, Backends discovered, PrintStream log) {
        try {
            Files.createDirectories(settings.outDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.outDir() + ": " + e.getMessage(), e);
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> backends = chooseBackends(discovered.describe(), settings.backends(), skipped);
        boolean raw = settings.backends().isEmpty() || settings.backends().contains("nd4j");

        String loadBefore = Environment.currentLoad();
        log.println("bench: backends " + backends + (skipped.isEmpty() ? "" : ", not measured: " + skipped.keySet())
                + "; load average " + loadBefore);
        String blasCore = Environment.nd4jBlas(discovered.describe());
        log.println("bench: nd4j's BLAS " + blasCore);
        if (raw && blasCore.startsWith("unknown")) {
            skipped.put("raw ND4J", "ND4J did not load: " + blasCore);
            raw = false;
        }
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        int threads = settings.threads();
        List<Path> jars = settings.pluginJars();
        List<Path> parts = new ArrayList<>();
        parts.add(runJmh(gemmOptions(settings.quick(), backends, threads, jars), settings.outDir(), "gemm", log));
        parts.add(runJmh(stepOptions(settings.quick(), backends, threads, jars), settings.outDir(), "steps", log));
        parts.add(runJmh(fmaPeakOptions(threads), settings.outDir(), "fma-peak", log));
        if (raw) {
            parts.add(runJmh(rawOptions(settings.quick(), threads), settings.outDir(), "raw-nd4j", log));
        }
        JmhResults.merge(parts, settings.jsonFile());
        deleteAll(parts);
        List<BenchResult> results = JmhResults.read(settings.jsonFile());
        noteMissing(backends, results, skipped);

        PyTorchReference pytorch = settings.pytorchScript() == null ? PyTorchReference.bundled()
                : measurePyTorch(settings, threads, log);
        Environment env = new Environment(date, settings.command(), settings.quick() ? "quick" : "full",
                Environment.currentJdk(), Environment.currentOs(), Environment.currentCpuModel(),
                Runtime.getRuntime().availableProcessors(), Environment.currentCpuFlags(), blasCore,
                threads + (threads == 1 ? " thread" : " threads") + " for every backend and raw ND4J (-D"
                        + Setting.THREADS.property() + ")" + (jars.isEmpty() ? "" : "; plug-in jars: " + jars)
                        + "; environment: " + Environment.currentThreadSettings(),
                threads, loadBefore, Environment.currentLoad(), skipped);
        env.write(settings.outDir().resolve(ENVIRONMENT));
        List<Target> targets = Report.write(settings.outDir(), results, env, pytorch);
        return new Outcome(settings.jsonFile(), settings.outDir().resolve(Report.MARKDOWN),
                settings.outDir().resolve(Report.CHART), targets);
    }

    /**
     * The names to measure: {@code requested} if given (each must be available), else every
     * available backend. Unavailable and undiscovered shipped backends go into {@code skipped}.
     */
    static List<String> chooseBackends(List<BackendInfo> discovered, List<String> requested, Map<String, String> skipped) {
        Map<String, BackendInfo> byName = new LinkedHashMap<>();
        discovered.forEach(i -> byName.put(i.name(), i));
        List<String> chosen = new ArrayList<>();
        if (!requested.isEmpty()) {
            for (String name : requested) {
                BackendInfo info = byName.get(name);
                if (info == null) {
                    throw new IllegalArgumentException("backend '" + name + "' is unknown; discovered: " + byName.keySet());
                }
                if (!info.probe().available()) {
                    throw new IllegalArgumentException("backend '" + name + "' is unavailable here: " + info.probe().detail());
                }
                chosen.add(name);
            }
            return chosen;
        }
        for (BackendInfo info : discovered) {
            if (info.probe().available()) {
                chosen.add(info.name());
            } else {
                skipped.put(info.name(), "unavailable here: " + info.probe().detail());
            }
        }
        for (String shipped : SHIPPED_BACKENDS) {
            if (!byName.containsKey(shipped)) {
                skipped.put(shipped, "not discovered: no BackendProvider named '" + shipped
                        + "' on the class path or plug-in path");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no backend is available to benchmark; discovered: " + byName.keySet());
        }
        return chosen;
    }

    private static void noteMissing(List<String> backends, List<BenchResult> results, Map<String, String> skipped) {
        for (String b : backends) {
            boolean any = results.stream().anyMatch(r -> b.equals(r.params().get("backend")));
            if (!any) {
                skipped.put(b, "no results: every benchmark of this backend failed (see the JMH output)");
            }
        }
    }

    static ChainedOptionsBuilder gemmOptions(boolean quick, List<String> backends, int threads, List<Path> pluginJars) {
        ChainedOptionsBuilder o = common(backends, threads, pluginJars)
                .include(GemmBenchmark.class.getName() + "\\.")
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        if (quick) {
            o.param("size", "64", "1024").param("form", GemmForm.A_B.id());
        }
        return o;
    }

    static ChainedOptionsBuilder stepOptions(boolean quick, List<String> backends, int threads, List<Path> pluginJars) {
        return timing(common(backends, threads, pluginJars).include(TrainingStepBenchmark.class.getName() + "\\."), quick);
    }

    /**
     * The FMA peak of one core ({@link FmaPeakBenchmark}), the same in a quick and a full run: its
     * loop has no memory traffic and is compiled within the first iteration.
     */
    static ChainedOptionsBuilder fmaPeakOptions(int threads) {
        return forked(threads, List.of()).include(FmaPeakBenchmark.class.getName() + "\\.")
                .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }

    static ChainedOptionsBuilder rawOptions(boolean quick, int threads) {
        return timing(forked(threads, List.of()).include(RawNd4jStepBenchmark.class.getName() + "\\."), quick);
    }

    /** The backend benchmarks: {@code backend} is a parameter without defaults, given here from discovery. */
    private static ChainedOptionsBuilder common(List<String> backends, int threads, List<Path> pluginJars) {
        return forked(threads, pluginJars).param("backend", backends.toArray(String[]::new));
    }

    /**
     * One fork, one benchmark thread, {@code -prof gc}; the fork's logging quiet, every backend's
     * thread setting {@code threads} (and ND4J's for the raw baseline, {@link BenchThreads}), the
     * count the PyTorch reference is compared at, so every backend gets the same cores; and the
     * plug-in jars, so the fork discovers what this JVM discovered.
     */
    private static ChainedOptionsBuilder forked(int threads, List<Path> pluginJars) {
        List<String> args = new ArrayList<>(List.of(VECTOR_MODULE[0], VECTOR_MODULE[1], LOGGING,
                "-D" + Setting.THREADS.property() + "=" + threads));
        if (!pluginJars.isEmpty()) {
            args.add("-D" + Setting.PLUGIN_PATH.property() + "="
                    + String.join(File.pathSeparator, pluginJars.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        }
        return new OptionsBuilder().forks(1).threads(1).addProfiler(GCProfiler.class)
                .jvmArgsAppend(args.toArray(String[]::new));
    }

    private static ChainedOptionsBuilder timing(ChainedOptionsBuilder o, boolean quick) {
        return quick
                ? o.warmupIterations(QUICK_WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                        .measurementTime(TimeValue.seconds(1))
                : o.warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                        .measurementTime(TimeValue.seconds(2));
    }

    /** Runs JMH with its output to {@code log}, less the incubator warning of each fork ({@link DroppedLines}). */
    private static Path runJmh(ChainedOptionsBuilder options, Path outDir, String part, PrintStream log) {
        Path file = outDir.resolve("jmh-" + part + ".json");
        PrintStream jmhOut = new PrintStream(new DroppedLines(log, INCUBATOR_WARNING), true, StandardCharsets.UTF_8);
        try {
            new Runner(options.shouldFailOnError(false).resultFormat(ResultFormatType.JSON).result(file.toString())
                    .build(), OutputFormatFactory.createFormatInstance(jmhOut, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on the " + part + " benchmarks: " + e.getMessage(), e);
        }
        return file;
    }

    private static PyTorchReference measurePyTorch(Settings settings, int threads, PrintStream log) {
        Path out = settings.outDir().resolve(PYTORCH_RESULTS);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, settings.pytorchScript().toString(),
                "--threads", Integer.toString(threads), "--out", out.toString()));
        if (settings.quick()) {
            cmd.add("--quick");
        }
        log.println("bench: " + String.join(" ", cmd));
        try {
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the PyTorch reference script exited with " + exit + ": "
                        + String.join(" ", cmd));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + PYTHON + " for the PyTorch reference: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PyTorch reference ran", e);
        }
        return PyTorchReference.read(out);
    }

    private static void deleteAll(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
            }
        }
    }
}
