package org.backprop4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.cli.study.HeldOut.Split;
import org.backprop4j.cli.study.HeldOut.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's no-flag targets, the way a user meets them: {@code split --seed S} holds out 20% of the
 * rows, {@code train} with no flags beyond {@code --data --target [--classify] --seed S --out} trains
 * on the rest, and the saved model is scored on the held-out rows ({@link HeldOut}, the path the
 * defaults study measured), for seeds 1-5, which the study did not use to choose the defaults.
 *
 * <p>What holds, and so what is asserted: the mean over the five seeds reaches each target (diabetes
 * R^2 >= 0.40, digits accuracy >= 97%), and at least as many seeds reach it as the root README reports
 * (diabetes 3 of 5, digits 4 of 5). The issue asks for every seed; the study's robustness stage
 * measured how often a split reaches the targets with the best defaults it found (16 of 20 splits for
 * diabetes, 13 of 20 for digits), and ordinary least squares itself scores R^2 0.376 on seed 2's split,
 * so "every seed" is not met; the README says so. A change that meets it on more seeds still passes;
 * one that loses a seed or the mean fails.
 *
 * <p>The issue's own reproduction is one held-out split and the training seeds 1-5: for that, the
 * split is {@code split}'s default ({@code --seed 42}), which the study never used (it tuned on split
 * seeds 101-123), and every training seed must reach each target.
 *
 * <p>On ejml, one thread: pure Java, so the same figures on every machine (nd4j's float32 products
 * round differently from one CPU's kernels to another's).
 */
class NoFlagDefaultsTest {
    private static final Path REPOSITORY = Path.of("..");
    /** {@code backprop4j split}'s default {@code --seed}. */
    private static final long SPLIT_DEFAULT_SEED = 42;
    private static final List<String> GLOBAL = List.of("--backend", "ejml", "--threads", "1");

    @TempDir
    Path tmp;

    private List<Double> scores(Task task) throws Exception {
        List<Double> scores = new ArrayList<>();
        for (long seed : DefaultsStudy.REPORT_SEEDS) {
            Split split = HeldOut.split(task.data(REPOSITORY), seed, tmp, task.name() + seed);
            scores.add(HeldOut.trainAndScore(task, split, seed, tmp.resolve("model"), GLOBAL, List.of()).score());
        }
        return scores;
    }

    /** One held-out split made by {@code split}'s default seed; the training seed runs over 1-5. */
    private List<Double> scoresOnOneSplit(Task task) throws Exception {
        Split split = HeldOut.split(task.data(REPOSITORY), SPLIT_DEFAULT_SEED, tmp, task.name() + "-default-split");
        List<Double> scores = new ArrayList<>();
        for (long seed : DefaultsStudy.REPORT_SEEDS) {
            scores.add(HeldOut.trainAndScore(task, split, seed, tmp.resolve("model"), GLOBAL, List.of()).score());
        }
        return scores;
    }

    private static void assertTargets(Task task, List<Double> scores, int seedsMeetingIt) {
        String what = task.metric() + " on the held-out rows for seeds 1-5: " + scores;
        assertThat(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).as("mean " + what)
                .isGreaterThanOrEqualTo(task.target());
        assertThat(scores.stream().filter(s -> s >= task.target()).count()).as("seeds at or above " + task.target()
                + ", " + what).isGreaterThanOrEqualTo(seedsMeetingIt);
    }

    @Test
    void diabetesHeldOutR2() throws Exception {
        assertTargets(Task.DIABETES, scores(Task.DIABETES), 3);
    }

    @Test
    void digitsHeldOutAccuracy() throws Exception {
        assertTargets(Task.DIGITS, scores(Task.DIGITS), 4);
    }

    @Test
    void diabetesEveryTrainingSeedOnTheDefaultSplit() throws Exception {
        assertTargets(Task.DIABETES, scoresOnOneSplit(Task.DIABETES), DefaultsStudy.REPORT_SEEDS.length);
    }

    @Test
    void digitsEveryTrainingSeedOnTheDefaultSplit() throws Exception {
        assertTargets(Task.DIGITS, scoresOnOneSplit(Task.DIGITS), DefaultsStudy.REPORT_SEEDS.length);
    }
}
