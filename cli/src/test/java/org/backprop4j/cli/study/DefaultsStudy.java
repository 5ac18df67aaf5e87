package org.backprop4j.cli.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backprop4j.cli.TrainCommand;
import org.backprop4j.cli.study.HeldOut.Split;
import org.backprop4j.cli.study.HeldOut.Task;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The study that chose {@code train}'s defaults (run by {@code tools/study/defaults-study.sh}).
 *
 * <p>Protocol. Every number is a score on rows the training never saw, through the commands a
 * user runs ({@link HeldOut}: {@code split}, {@code train}, the saved model scored on the test file):
 * <ol>
 *   <li><b>Outer splits.</b> For each tuning seed {@code s} in {@link #TUNING_SEEDS}, {@code split
 *       --seed s} holds out 20% of the rows as a test file. The tuning never reads those.</li>
 *   <li><b>Inner splits.</b> The remaining 80% is split again ({@code --seed 100 s + i}, 20%) into
 *       an inner training file and an inner validation file; a candidate is trained on the inner
 *       training file ({@code train --seed 100 s + i}, which holds out its own 20% for early stopping)
 *       and scored on the inner validation file. Coarse stage: one inner split per outer seed (3 runs
 *       per candidate and task); fine stage: three (9 runs). Every candidate sees the same splits and
 *       seeds, so candidates are compared on the same rows.</li>
 *   <li><b>Choice.</b> One set of defaults serves both tasks: a candidate's score is the sum over the
 *       two tasks of its mean inner score standardised over the stage's candidates ({@code (mean -
 *       mean of the means) / sd of the means}), so each task weighs the same whatever its metric's
 *       scale; the highest score wins. The coarse stage searches a grid; the fine stage varies the coarse
 *       winner one setting at a time, twice.</li>
 *   <li><b>Robustness.</b> The fine stage's {@value #FINALISTS} best are trained on the 80% of 20 more
 *       outer splits ({@link #ROBUSTNESS_SEEDS}, 104-123) and scored on their test files; the one that
 *       meets the targets on the most splits wins (ties: the higher standardised mean).</li>
 *   <li><b>Report.</b> The chosen defaults, now {@code train}'s own (no flags beyond the issue's),
 *       are trained on the 80% of each outer split and scored on its test file: for seeds 1-5, which
 *       the tuning never used (the targets), and for the tuning seeds' untouched test files.</li>
 * </ol>
 *
 * <p>Usage: {@code DefaultsStudy [--stage all|report] [--backend NAME] [--report-backends NAME,...]
 * [--work DIR]}: the tuning runs on {@code --backend} (default nd4j), the report on each of
 * {@code --report-backends} (default nd4j, ejml, naive), all on one thread. Every tuning run
 * is appended to {@code WORK/runs.tsv} (stage, task, test file, seed, flags, score, seconds, backend), and a
 * tuning run already there is not run again. Runs one training at a time, on one thread.
 */
public final class DefaultsStudy {
    /** Outer seeds the tuning uses; the seeds 1-5 are not among them. */
    static final long[] TUNING_SEEDS = {101, 102, 103};
    /** The seeds: the report's splits. */
    static final long[] REPORT_SEEDS = {1, 2, 3, 4, 5};
    /** Outer seeds of the robustness stage: 20 more splits, none of them 1-5. */
    static final long[] ROBUSTNESS_SEEDS = java.util.stream.LongStream.rangeClosed(104, 123).toArray();
    /** How many of the last fine round's best candidates the robustness stage compares. */
    static final int FINALISTS = 5;

    private final Path repository;
    private final Path work;
    private final String backend;
    private final List<String> reportBackends;
    private final PrintStream out;
    /** Scores of tuning runs already in {@code runs.tsv}, by {@link #key}: a stage repeats no run. */
    private final Map<String, Double> done = new LinkedHashMap<>();

    DefaultsStudy(Path repository, Path work, String backend, List<String> reportBackends, PrintStream out)
            throws IOException {
        this.repository = repository;
        this.work = work;
        this.backend = backend;
        this.reportBackends = reportBackends;
        this.out = out;
        Path log = work.resolve("runs.tsv");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                String[] f = line.split("\t");
                if (f.length == 8) {
                    done.put(key(f[1], f[2], Long.parseLong(f[3]), f[4], f[7]), Double.parseDouble(f[5]));
                }
            }
        }
    }

    private static String key(String task, String test, long seed, String flags, String backend) {
        return String.join("|", task, test, Long.toString(seed), flags, backend);
    }

    /** The global options of a run on {@code name}: that backend, one thread. */
    private static List<String> global(String name) {
        return List.of("--backend", name, "--threads", "1");
    }

    /** A candidate set of training flags. */
    record Config(String hidden, double lr, int batch, int epochs, int patience, double weightDecay, double dropout,
                  double validation) {
        List<String> flags() {
            return List.of("--hidden", hidden, "--lr", num(lr), "--batch-size", Integer.toString(batch), "--epochs",
                    Integer.toString(epochs), "--patience", Integer.toString(patience), "--weight-decay",
                    num(weightDecay), "--dropout", num(dropout), "--validation", num(validation));
        }

        String label() {
            return String.format(Locale.ROOT, "hidden %-7s lr %-6s batch %-3d epochs %-3d patience %-2d decay %-4s "
                    + "dropout %-4s validation %s", hidden, num(lr), batch, epochs, patience, num(weightDecay),
                    num(dropout), num(validation));
        }

        Config withHidden(String h) {
            return new Config(h, lr, batch, epochs, patience, weightDecay, dropout, validation);
        }

        Config withLr(double v) {
            return new Config(hidden, v, batch, epochs, patience, weightDecay, dropout, validation);
        }

        Config withBatch(int v) {
            return new Config(hidden, lr, v, epochs, patience, weightDecay, dropout, validation);
        }

        Config withPatience(int v) {
            return new Config(hidden, lr, batch, epochs, v, weightDecay, dropout, validation);
        }

        Config withDecay(double v) {
            return new Config(hidden, lr, batch, epochs, patience, v, dropout, validation);
        }

        Config withDropout(double v) {
            return new Config(hidden, lr, batch, epochs, patience, weightDecay, v, validation);
        }

        Config withValidation(double v) {
            return new Config(hidden, lr, batch, epochs, patience, weightDecay, dropout, v);
        }

        static Config parse(String flags) {
            Map<String, String> m = new LinkedHashMap<>();
            String[] parts = flags.trim().split("\\s+");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                m.put(parts[i], parts[i + 1]);
            }
            return new Config(m.get("--hidden"), Double.parseDouble(m.get("--lr")),
                    Integer.parseInt(m.get("--batch-size")), Integer.parseInt(m.get("--epochs")),
                    Integer.parseInt(m.get("--patience")), Double.parseDouble(m.get("--weight-decay")),
                    Double.parseDouble(m.get("--dropout")), Double.parseDouble(m.getOrDefault("--validation", "0.2")));
        }
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A candidate's inner scores on both tasks. */
    record Scores(Config config, Map<Task, double[]> runs) {
        double mean(Task t) {
            return Arrays.stream(runs.get(t)).average().orElse(Double.NaN);
        }

        double min(Task t) {
            return Arrays.stream(runs.get(t)).min().orElse(Double.NaN);
        }
    }

    public static void main(String[] args) throws IOException {
        String stage = "all";
        String backend = "nd4j";
        String reportBackends = "nd4j,ejml,naive";
        Path work = Path.of("cli", "target", "study");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--stage" -> stage = args[i + 1];
                case "--backend" -> backend = args[i + 1];
                case "--report-backends" -> reportBackends = args[i + 1];
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --stage, --backend, --report-backends or --work");
            }
        }
        if (!stage.equals("all") && !stage.equals("report")) {
            throw new IllegalArgumentException("--stage " + stage + "; expected all or report");
        }
        DefaultsStudy study = new DefaultsStudy(Path.of("."), work, backend, List.of(reportBackends.split(",")),
                System.out);
        long start = System.nanoTime();
        if (stage.equals("all")) {
            List<Config> ranked = study.choose("coarse", study.coarseGrid(), 1);
            for (int round = 1; round <= 2; round++) {
                ranked = study.choose("fine, round " + round, study.neighbours(ranked.get(0)), 3);
            }
            study.checkDefaults(study.robust(ranked.subList(0, FINALISTS)));
        }
        study.report();
        System.out.printf(Locale.ROOT, "study took %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** hidden x learning rate x dropout x weight decay, at batch 32, patience 20, at most 200 epochs. */
    List<Config> coarseGrid() {
        List<Config> grid = new ArrayList<>();
        for (String hidden : List.of("32", "128", "64,64", "128,128")) {
            for (double lr : new double[] {3e-4, 1e-3, 3e-3}) {
                for (double dropout : new double[] {0, 0.2}) {
                    for (double decay : new double[] {0, 0.1}) {
                        grid.add(new Config(hidden, lr, 32, 200, 20, decay, dropout, 0.2));
                    }
                }
            }
        }
        return grid;
    }

    /** {@code c} and every candidate that differs from it in one setting. */
    List<Config> neighbours(Config c) {
        List<Config> n = new ArrayList<>();
        n.add(c);
        for (String h : List.of("64", "256", "64,64", "128,128", "256,256")) {
            n.add(c.withHidden(h));
        }
        n.add(c.withLr(c.lr() / 2));
        n.add(c.withLr(c.lr() * 2));
        for (int b : new int[] {16, 32, 64, 128}) {
            n.add(c.withBatch(b));
        }
        for (int p : new int[] {5, 10, 20, 40}) {
            n.add(c.withPatience(p));
        }
        for (double d : new double[] {0, 0.1, 0.2, 0.3, 0.5}) {
            n.add(c.withDropout(d));
        }
        for (double w : new double[] {0, 0.1, 1, 5}) {
            n.add(c.withDecay(w));
        }
        for (double v : new double[] {0.1, 0.15, 0.2}) {
            n.add(c.withValidation(v));
        }
        return n.stream().distinct().toList();
    }

    /**
     * Scores every candidate with {@code innerSplits} inner splits per tuning seed, prints the table,
     * returns the candidates best first.
     */
    List<Config> choose(String stage, List<Config> candidates, int innerSplits) throws IOException {
        out.printf(Locale.ROOT, "%n== %s: %d candidates, %d inner runs each per task%n", stage, candidates.size(),
                TUNING_SEEDS.length * innerSplits);
        List<Scores> all = new ArrayList<>();
        for (Config c : candidates) {
            Map<Task, double[]> runs = new LinkedHashMap<>();
            for (Task task : Task.values()) {
                double[] scores = new double[TUNING_SEEDS.length * innerSplits];
                int k = 0;
                for (long outer : TUNING_SEEDS) {
                    Split o = outerSplit(task, outer);
                    for (int i = 1; i <= innerSplits; i++) {
                        long inner = 100 * outer + i;
                        Split in = HeldOut.split(o.training(), inner, work.resolve("splits"),
                                name(task) + "-outer" + outer + "-inner" + inner);
                        scores[k++] = run(stage, task, in, inner, c, backend);
                    }
                }
                runs.put(task, scores);
            }
            Scores s = new Scores(c, runs);
            all.add(s);
            out.printf(Locale.ROOT, "  %s  diabetes R^2 %.4f  digits %.2f%%%n", c.label(), s.mean(Task.DIABETES),
                    100 * s.mean(Task.DIGITS));
        }
        Map<Task, double[]> spread = spread(all);
        Comparator<Scores> byScore = Comparator.comparingDouble(s -> -score(s, spread));
        List<Scores> ranked = all.stream().sorted(byScore).toList();
        out.printf(Locale.ROOT, "%n%s, ranked by score: the sum over both tasks of the candidate's mean, standardised "
                + "over the candidates' means%n", stage);
        out.printf(Locale.ROOT, "%-92s %9s %9s %9s %9s %6s%n", "candidate", "diab mean", "diab min", "digit mean",
                "digit min", "score");
        for (Scores s : ranked.subList(0, Math.min(15, ranked.size()))) {
            out.printf(Locale.ROOT, "%-92s %9.4f %9.4f %8.2f%% %8.2f%% %6.2f%n", s.config().label(),
                    s.mean(Task.DIABETES), s.min(Task.DIABETES), 100 * s.mean(Task.DIGITS), 100 * s.min(Task.DIGITS),
                    score(s, spread));
        }
        Config winner = ranked.get(0).config();
        out.printf(Locale.ROOT, "%s winner: %s%n", stage, String.join(" ", winner.flags()));
        return ranked.stream().map(Scores::config).toList();
    }

    /**
     * The robustness stage: each finalist trained on the 80% of {@link #ROBUSTNESS_SEEDS}' outer splits
     * and scored on their test files, which no earlier stage used; the finalist that meets the issue's
     * targets ({@link Task#target()}) on the most splits, summed over the tasks, wins (ties: the higher
     * standardised mean, as {@link #choose}). Prints the table, returns the winner.
     */
    Config robust(List<Config> finalists) throws IOException {
        out.printf(Locale.ROOT, "%n== robustness: the fine stage's %d best, on %d more outer splits (seeds %d-%d), "
                + "trained on the 80%% and scored on the test file%n", finalists.size(), ROBUSTNESS_SEEDS.length,
                ROBUSTNESS_SEEDS[0], ROBUSTNESS_SEEDS[ROBUSTNESS_SEEDS.length - 1]);
        List<Scores> all = new ArrayList<>();
        for (Config c : finalists) {
            Map<Task, double[]> runs = new LinkedHashMap<>();
            for (Task task : Task.values()) {
                double[] scores = new double[ROBUSTNESS_SEEDS.length];
                for (int i = 0; i < scores.length; i++) {
                    long seed = ROBUSTNESS_SEEDS[i];
                    scores[i] = run("robustness", task, outerSplit(task, seed), seed, c, backend);
                }
                runs.put(task, scores);
            }
            all.add(new Scores(c, runs));
        }
        Map<Task, double[]> spread = spread(all);
        Comparator<Scores> byTargets = Comparator.comparingDouble(DefaultsStudy::met);
        List<Scores> ranked = all.stream().sorted(byTargets.thenComparingDouble(s -> score(s, spread)).reversed())
                .toList();
        out.printf(Locale.ROOT, "%-92s %8s %9s %9s %8s %9s %9s%n", "candidate", "diab met", "diab mean", "diab min",
                "digit met", "digit mean", "digit min");
        for (Scores s : ranked) {
            out.printf(Locale.ROOT, "%-92s %5d/%-2d %9.4f %9.4f %5d/%-2d %8.2f%% %8.2f%%%n", s.config().label(),
                    met(s, Task.DIABETES), ROBUSTNESS_SEEDS.length, s.mean(Task.DIABETES), s.min(Task.DIABETES),
                    met(s, Task.DIGITS), ROBUSTNESS_SEEDS.length, 100 * s.mean(Task.DIGITS), 100 * s.min(Task.DIGITS));
        }
        Config winner = ranked.get(0).config();
        out.printf(Locale.ROOT, "robustness winner, the defaults: %s%n", String.join(" ", winner.flags()));
        return winner;
    }

    /**
     * Says whether {@code train}'s defaults are {@code chosen}: the report measures the defaults as
     * {@code train} has them, so after a study that chose others they must be set to its choice.
     */
    void checkDefaults(Config chosen) {
        CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
        List<String> flags = chosen.flags();
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < flags.size(); i += 2) {
            String option = flags.get(i);
            String value = option.equals("--lr") ? num(TrainCommand.ADAM_LR) : option.equals("--weight-decay")
                    ? num(TrainCommand.ADAM_WEIGHT_DECAY) : option.equals("--dropout") ? num(TrainCommand.DROPOUT)
                    : spec.findOption(option).defaultValue();
            if (!sameValue(value, flags.get(i + 1))) {
                differ.add(option + " " + value + " (the study chose " + flags.get(i + 1) + ")");
            }
        }
        out.println(differ.isEmpty() ? "train's defaults are the study's choice"
                : "WARNING: train's defaults differ from the study's choice: " + String.join(", ", differ)
                        + "; the report below measures train's defaults");
    }

    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    /** On how many splits {@code s} meets both tasks' targets, summed over the tasks. */
    private static double met(Scores s) {
        return met(s, Task.DIABETES) + met(s, Task.DIGITS);
    }

    private static int met(Scores s, Task t) {
        return (int) Arrays.stream(s.runs().get(t)).filter(v -> v >= t.target()).count();
    }

    /** Each task's mean and standard deviation of the candidates' means. */
    private static Map<Task, double[]> spread(List<Scores> all) {
        Map<Task, double[]> spread = new LinkedHashMap<>();
        for (Task t : Task.values()) {
            double[] means = all.stream().mapToDouble(s -> s.mean(t)).toArray();
            double mean = Arrays.stream(means).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(means).map(m -> (m - mean) * (m - mean)).sum() / means.length);
            spread.put(t, new double[] {mean, sd == 0 ? 1 : sd});
        }
        return spread;
    }

    /** The sum over tasks of {@code (mean - mean of all candidates) / sd of all candidates' means}. */
    private static double score(Scores s, Map<Task, double[]> spread) {
        double z = 0;
        for (Task t : Task.values()) {
            z += (s.mean(t) - spread.get(t)[0]) / spread.get(t)[1];
        }
        return z;
    }

    /**
     * The report: the defaults with no flags, trained on each outer split's 80% and scored on its
     * test file, for seeds 1-5 and the tuning seeds.
     */
    void report() throws IOException {
        out.printf(Locale.ROOT, "%n== report: train with no flags beyond --data --target [--classify] --seed --out; "
                + "score on the split's test file (20%%)%n");
        for (String name : reportBackends) {
            for (long[] seeds : new long[][] {REPORT_SEEDS, TUNING_SEEDS}) {
                for (Task task : Task.values()) {
                    double[] scores = new double[seeds.length];
                    int[] stopped = new int[seeds.length];
                    int[] kept = new int[seeds.length];
                    long start = System.nanoTime();
                    for (int i = 0; i < seeds.length; i++) {
                        HeldOut.Result r = HeldOut.trainAndScore(task, outerSplit(task, seeds[i]), seeds[i],
                                work.resolve("model"), global(name), List.of());
                        scores[i] = r.score();
                        stopped[i] = r.stopped();
                        kept[i] = r.kept();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9 / seeds.length;
                    double scale = task == Task.DIGITS ? 100 : 1;
                    StringBuilder each = new StringBuilder();
                    for (double s : scores) {
                        each.append(String.format(Locale.ROOT, task == Task.DIGITS ? " %.2f%%" : " %.4f", scale * s));
                    }
                    out.printf(Locale.ROOT, "%-5s %-8s seeds %-13s %s:%s | mean %.4f min %.4f max %.4f | kept epochs %s "
                                    + "of %s | %.1f s a run%n", name, name(task), Arrays.toString(seeds).replace(" ", ""),
                            task.metric(), each, scale * Arrays.stream(scores).average().orElseThrow(), scale
                                    * Arrays.stream(scores).min().orElseThrow(), scale
                                    * Arrays.stream(scores).max().orElseThrow(), Arrays.toString(kept).replace(" ", ""),
                            Arrays.toString(stopped).replace(" ", ""), seconds);
                }
            }
        }
    }

    private Split outerSplit(Task task, long seed) throws IOException {
        return HeldOut.split(task.data(repository), seed, work.resolve("splits"), name(task) + "-outer" + seed);
    }

    /** One tuning run of {@code c} on {@code on} and its held-out score, logged to runs.tsv. */
    private double run(String stage, Task task, Split split, long seed, Config c, String on) throws IOException {
        String flags = String.join(" ", c.flags());
        String key = key(name(task), split.test().getFileName().toString(), seed, flags, on);
        if (done.containsKey(key)) {
            return done.get(key);
        }
        long start = System.nanoTime();
        double score = HeldOut.trainAndScore(task, split, seed, work.resolve("model"), global(on), c.flags()).score();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(work);
        Files.writeString(work.resolve("runs.tsv"), String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%s\t%.6f\t%.2f\t%s%n",
                stage, name(task), split.test().getFileName(), seed, flags, score, seconds, on),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        done.put(key, score);
        return score;
    }

    private static String name(Task t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
