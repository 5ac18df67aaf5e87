package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.Backend;

/**
 * Runs a case on a backend and compares every quantity with the case's expected values under its
 * tolerance: {@code output}, {@code loss}, {@code grads.input}, {@code grads.<key>} for every
 * parameter, and for a training run (with its schedule, if any) {@code train.losses} and
 * {@code train.params.<key>}. Used by {@link ConformanceKit} and by the {@code backprop4j
 * conformance} command alike.
 */
public final class CaseRunner {
    private CaseRunner() {
    }

    /** Runs {@code file} on {@code backend}; a rejected file gives a failed result with the quantity {@code format}. */
    public static CaseResult run(CaseFile file, Backend backend) {
        if (!file.isValid()) {
            CaseFormatException e = file.problem();
            return new CaseResult(file.origin(), file.origin(), null, backend.name(),
                    List.of(QuantityResult.problem("format", e.location() + ": " + e.problem())), null);
        }
        return run(file.parsed(), backend);
    }

    /**
     * Runs {@code c} on {@code backend}. A case in a dtype the backend does not support is
     * skipped; an exception from the backend or {@code nn-core} ends the case with the quantity
     * {@code run} failed, naming the exception.
     */
    public static CaseResult run(ConformanceCase c, Backend backend) {
        if (!backend.dtypes().contains(c.dtype())) {
            return new CaseResult(c.name(), c.origin(), c.dtype(), backend.name(), List.of(),
                    "backend '" + backend.name() + "' does not support " + c.dtype());
        }
        Tolerance tolerance = c.effectiveTolerance();
        List<QuantityResult> results = new ArrayList<>();
        NetworkProblem problem = NetworkProblem.of(c);
        try {
            NetworkRunner.Evaluation actual = NetworkRunner.evaluate(backend, problem);
            ExpectedResults expected = c.expected();
            results.add(Comparison.compare("output", expected.output(), actual.output().shape(), actual.output().data(),
                    tolerance));
            results.add(Comparison.compareScalar("loss", expected.loss(), actual.loss(), tolerance));
            compareAll("grads.", expected.grads(), actual.grads(), tolerance, results);
            if (c.train().isPresent()) {
                TrainingRun run = c.train().get();
                NetworkRunner.Training training = NetworkRunner.train(backend, problem, run.optimizer(), run.scheduler(),
                        run.steps());
                results.add(Comparison.compareSequence("train.losses", run.losses(), training.losses(), tolerance));
                compareAll("train.params.", run.params(), training.params(), tolerance, results);
            }
        } catch (RuntimeException e) {
            results.add(QuantityResult.problem("run", "threw " + e));
        }
        return new CaseResult(c.name(), c.origin(), c.dtype(), backend.name(), results, null);
    }

    /** Compares every tensor of {@code actual} (in its order) with the tensor of the same key in {@code expected}. */
    static void compareAll(String prefix, Map<String, TensorData> expected, Map<String, TensorData> actual,
                           Tolerance tolerance, List<QuantityResult> results) {
        for (Map.Entry<String, TensorData> e : actual.entrySet()) {
            TensorData want = expected.get(e.getKey());
            String quantity = prefix + e.getKey();
            if (want == null) {
                results.add(QuantityResult.problem(quantity, "computed but not expected"));
            } else {
                results.add(Comparison.compare(quantity, want, e.getValue().shape(), e.getValue().data(), tolerance));
            }
        }
        for (String key : expected.keySet()) {
            if (!actual.containsKey(key)) {
                results.add(QuantityResult.problem(prefix + key, "expected but not computed"));
            }
        }
    }
}
