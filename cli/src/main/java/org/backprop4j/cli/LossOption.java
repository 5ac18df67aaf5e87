package org.backprop4j.cli;

import java.util.List;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.io.ClassifierHead;
import org.backprop4j.nn.loss.Reduction;

/**
 * What {@code train --loss} chooses, and what each choice means for the network, the targets and
 * the saved model. Regression: {@code mse} (the default), {@code l1}, {@code huber} (delta 1, in
 * standardised units), on the standardised target columns. Classification ({@code --classify}):
 * <ul>
 *   <li>{@code cross_entropy} (the default): the network outputs one logit per class, the target is
 *       each row's class index; the model's head is softmax;</li>
 *   <li>{@code nll}: the same network ending in {@code log_softmax}, class-index targets; head softmax;</li>
 *   <li>{@code mse}: one-hot targets, one linear output per class, no head (the outputs are scores,
 *       the classifier this command trained before cross-entropy, kept for comparison);</li>
 *   <li>{@code bce_with_logits}: two classes only; one output, the logit of the second class, the
 *       target its 0/1 indicator; head sigmoid.</li>
 * </ul>
 * Every loss reduces by the mean.
 *
 * @param loss    the loss the network is trained with
 * @param targets how the class column becomes targets (regression: {@link Targets#VALUES})
 * @param last    layers appended after the last linear layer
 * @param head    the saved classifier's head, or null
 */
record LossOption(LossSpec loss, Targets targets, List<LayerSpec> last, ClassifierHead head) {

    /** How targets are encoded. */
    enum Targets {
        /** The target columns as they are (standardised): regression. */
        VALUES,
        /** One column holding each row's class index {@code 0 .. k-1}. */
        CLASS_INDICES,
        /** One column per class, 1 for the row's class and 0 elsewhere. */
        ONE_HOT
    }

    /** The losses that fit regression. */
    static final List<LossSpec.Type> REGRESSION = List.of(LossSpec.Type.MSE, LossSpec.Type.L1, LossSpec.Type.HUBER);
    /** The losses that fit classification. */
    static final List<LossSpec.Type> CLASSIFICATION = List.of(LossSpec.Type.CROSS_ENTROPY, LossSpec.Type.NLL,
            LossSpec.Type.MSE, LossSpec.Type.BCE_WITH_LOGITS);

    /**
     * The option {@code --loss name} stands for ({@code null}: the default of the task).
     *
     * @throws UsageException for an unknown name, or a loss that does not fit the task
     */
    static LossOption of(String name, boolean classify) {
        List<LossSpec.Type> fit = classify ? CLASSIFICATION : REGRESSION;
        LossSpec.Type type = name == null ? fit.get(0) : type(name, fit, classify);
        Reduction mean = Reduction.MEAN;
        return switch (type) {
            case MSE -> new LossOption(new LossSpec.Mse(mean), classify ? Targets.ONE_HOT : Targets.VALUES, List.of(),
                    null);
            case L1 -> new LossOption(new LossSpec.L1(mean), Targets.VALUES, List.of(), null);
            case HUBER -> new LossOption(new LossSpec.Huber(mean, LossSpec.Huber.DEFAULT_DELTA), Targets.VALUES,
                    List.of(), null);
            case CROSS_ENTROPY -> new LossOption(new LossSpec.CrossEntropy(mean), Targets.CLASS_INDICES, List.of(),
                    ClassifierHead.SOFTMAX);
            case NLL -> new LossOption(new LossSpec.Nll(mean, null), Targets.CLASS_INDICES,
                    List.of(new LayerSpec.LogSoftmax()), ClassifierHead.SOFTMAX);
            case BCE_WITH_LOGITS -> new LossOption(new LossSpec.BceWithLogits(mean, null), Targets.CLASS_INDICES,
                    List.of(), ClassifierHead.SIGMOID);
        };
    }

    private static LossSpec.Type type(String name, List<LossSpec.Type> fit, boolean classify) {
        for (LossSpec.Type t : fit) {
            if (t.id().equals(name)) {
                return t;
            }
        }
        String allowed = String.join(", ", fit.stream().map(LossSpec.Type::id).toList());
        List<LossSpec.Type> other = classify ? REGRESSION : CLASSIFICATION;
        if (other.stream().anyMatch(t -> t.id().equals(name))) {
            throw new UsageException("--loss " + name + " does not fit " + (classify ? "classification (--classify)"
                    : "regression (it needs --classify)") + "; allowed" + (classify ? " with --classify" : "") + ": "
                    + allowed);
        }
        throw new UsageException("--loss '" + name + "' is not supported; allowed: " + allowed
                + (classify ? "" : "; with --classify: " + String.join(", ", CLASSIFICATION.stream().map(LossSpec.Type::id)
                .toList())));
    }

    /**
     * The network's outputs for {@code classes} classes (regression: {@code classes} is the number of
     * target columns).
     *
     * @throws UsageException when this loss cannot score that many classes
     */
    int outputs(int classes, String column) {
        if (head == ClassifierHead.SIGMOID) {
            if (classes != 2) {
                throw new UsageException("--loss " + loss.type() + " takes two classes; column '" + column + "' has "
                        + classes);
            }
            return 1;
        }
        return classes;
    }
}
