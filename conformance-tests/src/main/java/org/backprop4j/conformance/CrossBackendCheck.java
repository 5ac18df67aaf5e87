package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backprop4j.api.Backend;
import org.backprop4j.nn.optim.Sgd;

/**
 * Cross-backend agreement: the same network, parameters and batch on the backend under test and
 * on the reference, compared under the case format's default tolerance for the dtype, the
 * reference's values taking the place of the expected ones. Compared: {@code output},
 * {@code loss}, {@code grads.input}, {@code grads.<key>}, and after {@value #TRAIN_STEPS} steps of
 * SGD with momentum ({@link #OPTIMIZER}), {@code train.losses} and {@code train.params.<key>}.
 */
public final class CrossBackendCheck {
    /** Number of training steps compared. */
    public static final int TRAIN_STEPS = 3;
    /** The optimizer of the training run: SGD, lr 0.1, momentum 0.9 (state carried across steps). */
    public static final OptimizerSpec OPTIMIZER = new OptimizerSpec.SgdSpec(new Sgd.Config(0.1, 0.9, 0, 0, false));

    private CrossBackendCheck() {
    }

    /** Every quantity of {@code problem} on {@code backend} against the same on {@code reference}. */
    public static List<QuantityResult> check(Backend backend, Backend reference, NetworkProblem problem) {
        Tolerance tolerance = Tolerance.forDType(problem.dtype());
        List<QuantityResult> results = new ArrayList<>();
        NetworkRunner.Evaluation expected = NetworkRunner.evaluate(reference, problem);
        NetworkRunner.Evaluation actual = NetworkRunner.evaluate(backend, problem);
        results.add(Comparison.compare("output", expected.output(), actual.output().shape(), actual.output().data(),
                tolerance));
        results.add(Comparison.compareScalar("loss", expected.loss(), actual.loss(), tolerance));
        CaseRunner.compareAll("grads.", expected.grads(), actual.grads(), tolerance, results);
        NetworkRunner.Training expectedRun = NetworkRunner.train(reference, problem, OPTIMIZER, Optional.empty(),
                TRAIN_STEPS);
        NetworkRunner.Training actualRun = NetworkRunner.train(backend, problem, OPTIMIZER, Optional.empty(),
                TRAIN_STEPS);
        results.add(Comparison.compareSequence("train.losses", expectedRun.losses(), actualRun.losses(), tolerance));
        CaseRunner.compareAll("train.params.", expectedRun.params(), actualRun.params(), tolerance, results);
        return results;
    }
}
