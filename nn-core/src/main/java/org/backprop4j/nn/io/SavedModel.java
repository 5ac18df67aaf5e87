package org.backprop4j.nn.io;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.train.Inference;
import org.backprop4j.nn.train.Metrics;

/**
 * A network together with what it takes to use it on raw data: what a model directory holds.
 *
 * @param network       the layers and weights, on some backend
 * @param normalization the standardisation of inputs and outputs ({@link Normalization#NONE} for none)
 * @param inputNames    the name of each input column, in order, or empty when unnamed
 * @param outputNames   the name of each output column, in order, or empty when unnamed
 * @param classes       for a classifier, the class labels; null for a regression model
 * @param loss          the loss the network was trained with, or null when not recorded
 * @param head          for a classifier, how its outputs become class probabilities; null when
 *                      the outputs are used as they are (a regression model, or a classifier
 *                      trained on one-hot targets with MSE, whose outputs are scores)
 */
public record SavedModel(Sequential network, Normalization normalization, List<String> inputNames,
                         List<String> outputNames, Classes classes, LossSpec loss, ClassifierHead head) {

    /**
     * The classes of a classifier: output {@code j} scores class {@code labels.get(j)} (with the
     * sigmoid head, the one output scores the second class), and the predicted class is the label
     * of the highest score.
     *
     * @param column the name of the class column in the data (e.g. {@code digit})
     * @param labels one distinct integer label per class, at least two
     */
    public record Classes(String column, List<Integer> labels) {
        public Classes {
            Objects.requireNonNull(column, "column");
            labels = List.copyOf(labels);
            if (labels.size() < 2) {
                throw new IllegalArgumentException("classes has " + labels.size() + " label" + (labels.size() == 1 ? "" : "s")
                        + " " + labels + "; a classifier tells at least two classes apart");
            }
            if (new HashSet<>(labels).size() != labels.size()) {
                throw new IllegalArgumentException("class labels " + labels + " repeat; expected distinct labels");
            }
        }
    }

    /**
     * @throws IllegalArgumentException when names, class labels or normalization vectors do
     *                                  not have one entry per input or output of the network
     *                                  (one output name and label per class for a classifier
     *                                  with a head), names repeat, a head has no classes, or a
     *                                  classifier has target normalization
     */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(normalization, "normalization");
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
        if (head != null && classes == null) {
            throw new IllegalArgumentException("head " + head + " needs classes; expected classes with the head");
        }
        if (network.hasFixedWidth()) {
            int outputs = network.outputWidth();
            int columns = head == null ? outputs : head.classes(outputs);
            if (head != null && head.outputsFor(columns) != outputs) {
                throw new IllegalArgumentException("the " + head + " head takes " + head.outputsFor(columns)
                        + " network output(s) for " + columns + " classes; the network has " + outputs);
            }
            checkNames("input_names", inputNames, network.inputWidth(), "network input");
            checkNames("output_names", outputNames, columns, head == null ? "network output" : "class");
            if (classes != null && classes.labels().size() != columns) {
                throw new IllegalArgumentException("classes has " + classes.labels().size() + " labels; expected "
                        + columns + (head == null ? ", one per network output" : ", one per class of the " + head
                        + " head"));
            }
            normalization.checkWidths(network.inputWidth(), outputs);
            if (classes != null && (normalization.targetMean() != null || normalization.targetStd() != null)) {
                throw new IllegalArgumentException("classes marks a classifier, but normalize has target_mean or "
                        + "target_std, which only a regression model's outputs have; a classifier's outputs are class scores");
            }
        } else if (!inputNames.isEmpty() || !outputNames.isEmpty() || classes != null || !normalization.isNone()) {
            throw new IllegalArgumentException("the network has no linear layer, so its width is its input's; "
                    + "expected no names, classes or normalization");
        }
    }

    /** A model without a recorded loss or head (a regression model, or a classifier of scores). */
    public SavedModel(Sequential network, Normalization normalization, List<String> inputNames,
                      List<String> outputNames, Classes classes) {
        this(network, normalization, inputNames, outputNames, classes, null, null);
    }

    private static void checkNames(String what, List<String> names, int width, String kind) {
        if (!names.isEmpty() && names.size() != width) {
            throw new IllegalArgumentException(what + " has " + names.size() + " names; expected " + width
                    + ", one per " + kind + " (or none)");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(what + " " + names + " has a name twice; expected distinct names");
        }
    }

    /** Whether this model classifies (has {@link #classes}). */
    public boolean isClassifier() {
        return classes != null;
    }

    /**
     * The model's outputs for raw inputs {@code [rows, inputWidth]} (row-major): standardise,
     * run the network, map the outputs back. Returns row-major {@code [rows, outputWidth]}.
     *
     * <p>Safe to call from several threads, as {@link Inference#predict} is: calls on one model
     * take turns. For throughput across cores, read one model per thread ({@link ModelDirectory#read}).
     */
    public double[] predict(double[] inputs) {
        int in = network.inputWidth();
        double[] x = normalization.normalizeInputs(inputs, in);
        double[] y = Inference.predict(network, x);
        return normalization.denormalizeOutputs(y, network.outputWidth());
    }

    /**
     * The probability of each class for raw inputs {@code [rows, inputWidth]} (row-major): the
     * {@link #predict} outputs through the {@link #head}. Returns row-major {@code [rows, classes]},
     * each row summing to 1 up to rounding, column {@code j} for class {@code classes().labels().get(j)}.
     *
     * @throws IllegalStateException for a model without a head
     */
    public double[] probabilities(double[] inputs) {
        if (head == null) {
            throw new IllegalStateException("this model has no head, so its outputs are not probabilities; "
                    + (classes == null ? "it is a regression model" : "it scores classes (trained with " + loss + ")"));
        }
        return head.probabilities(predict(inputs), network.outputWidth());
    }

    /** Whether {@link #probabilities} is available: the model has a head. */
    public boolean hasProbabilities() {
        return head != null;
    }

    /**
     * The predicted class label of each row of {@link #predict} outputs: the label of the highest
     * score ({@link Metrics#argmax}), or through the head ({@link ClassifierHead#classIndices}).
     *
     * @throws IllegalStateException for a model that is not a classifier
     */
    public int[] predictClasses(double[] outputs) {
        if (classes == null) {
            throw new IllegalStateException("this model has no classes; it is a regression model");
        }
        int[] index = head == null ? Metrics.argmax(outputs, network.outputWidth())
                : head.classIndices(outputs, network.outputWidth());
        int[] labels = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            labels[i] = classes.labels().get(index[i]);
        }
        return labels;
    }
}
