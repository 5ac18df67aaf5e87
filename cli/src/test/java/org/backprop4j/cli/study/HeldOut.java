package org.backprop4j.cli.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.api.Backends;
import org.backprop4j.cli.Main;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Metrics;

/**
 * The reproduction, as a user does it and through the same commands: {@code backprop4j
 * split} holds out test rows, {@code backprop4j train} trains on the rest, and the saved model is
 * scored on the test rows it never saw ({@link SavedModel} and {@link Metrics}: R^2 for a
 * regression, accuracy for a classifier). The defaults study and {@code NoFlagDefaultsTest} both
 * go through here, so the test checks exactly what the study measured.
 */
public final class HeldOut {
    private HeldOut() {
    }

    /** A data set of the study. */
    public enum Task {
        DIABETES("diabetes.csv", "progression", false, "R^2", 0.40),
        DIGITS("digits.csv", "digit", true, "accuracy", 0.97);

        final String file;
        final String column;
        final boolean classify;
        final String metric;
        final double target;

        Task(String file, String column, boolean classify, String metric, double target) {
            this.file = file;
            this.column = column;
            this.classify = classify;
            this.metric = metric;
            this.target = target;
        }

        /** The target for every seed: R^2 >= 0.40, accuracy >= 97%. */
        public double target() {
            return target;
        }

        /** The CSV file in the repository's {@code data} directory. */
        public Path data(Path repository) {
            return repository.resolve("data").resolve(file);
        }

        /** {@code R^2} or {@code accuracy}. */
        public String metric() {
            return metric;
        }
    }

    /** A training and a test file of one split. */
    public record Split(Path training, Path test) {
    }

    /**
     * One run's held-out score and how its training ended.
     *
     * @param score   R^2 or accuracy on the test file
     * @param stopped the last epoch trained
     * @param kept    the epoch whose weights were kept
     */
    public record Result(double score, int stopped, int kept) {
    }

    private static final Pattern STOP = Pattern.compile("stopped after epoch (\\d+)/\\d+: .*; kept epoch (\\d+)");

    /**
     * {@code backprop4j split --data DATA --seed SEED --train-out DIR/NAME-train.csv --test-out
     * DIR/NAME-test.csv} (test fraction 0.2), unless those files are there already.
     */
    public static Split split(Path data, long seed, Path dir, String name) throws IOException {
        Split s = new Split(dir.resolve(name + "-train.csv"), dir.resolve(name + "-test.csv"));
        if (!Files.exists(s.training()) || !Files.exists(s.test())) {
            Files.createDirectories(dir);
            cli("split", "--data", data.toString(), "--seed", Long.toString(seed), "--train-out",
                    s.training().toString(), "--test-out", s.test().toString(), "--overwrite");
        }
        return s;
    }

    /**
     * {@code backprop4j [global] train --data TRAINING --target T [--classify] --seed SEED --out MODEL
     * --overwrite [flags]} and the saved model's score on {@code test}.
     *
     * @param global options before the command, e.g. {@code --backend nd4j}
     * @param flags  training flags beyond the ones the issue allows; none for the defaults
     */
    public static Result trainAndScore(Task task, Split split, long seed, Path model, List<String> global,
                                       List<String> flags) throws IOException {
        List<String> args = new ArrayList<>(global);
        args.addAll(List.of("train", "--data", split.training().toString(), "--target", task.column, "--seed",
                Long.toString(seed), "--out", model.toString(), "--overwrite"));
        if (task.classify) {
            args.add("--classify");
        }
        args.addAll(flags);
        String out = cli(args.toArray(String[]::new));
        Matcher stop = STOP.matcher(out);
        if (!stop.find()) {
            throw new IllegalStateException("train did not say how it stopped:\n" + out);
        }
        String backend = global.contains("--backend") ? global.get(global.indexOf("--backend") + 1) : null;
        return new Result(score(task, model, split.test(), backend), Integer.parseInt(stop.group(1)),
                Integer.parseInt(stop.group(2)));
    }

    /** The model in {@code modelDir} scored on the labelled rows of {@code test}: R^2 or accuracy. */
    public static double score(Task task, Path modelDir, Path test, String backend) throws IOException {
        Backends backends = Backends.discover();
        SavedModel model = ModelDirectory.read(modelDir, backend == null ? backends.select() : backends.select(backend));
        CsvTable table = CsvTable.read(test);
        double[] outputs = model.predict(table.numbers(model.inputNames()));
        if (!task.classify) {
            return Metrics.r2(outputs, table.numbers(model.outputNames()), model.outputNames().size());
        }
        int[] predicted = model.predictClasses(outputs);
        int[] truth = table.integers(model.classes().column());
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }

    /** Runs the CLI in this JVM; anything but exit 0 is an error carrying what it printed. */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new IllegalStateException("backprop4j " + String.join(" ", args) + " exited " + code + ": " + err
                    + out);
        }
        return out.toString();
    }
}
