package org.backprop4j.nn.io;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
 * @param classes       for a classifier, the class label of each output; null for a regression model
 */
public record SavedModel(Sequential network, Normalization normalization, List<String> inputNames,
                         List<String> outputNames, Classes classes) {

    /**
     * The classes of a classifier: output {@code j} scores class {@code labels.get(j)}, and the
     * predicted class is the label of the highest score.
     *
     * @param column the name of the class column in the data (e.g. {@code digit})
     * @param labels one distinct integer label per network output, at least two
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
     *                                  not have one entry per input or output of the network,
     *                                  names repeat, or a classifier has target normalization
     */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(normalization, "normalization");
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
        checkNames("input_names", inputNames, network.inputWidth(), "input");
        checkNames("output_names", outputNames, network.outputWidth(), "output");
        if (classes != null && classes.labels().size() != network.outputWidth()) {
            throw new IllegalArgumentException("classes has " + classes.labels().size() + " labels; expected "
                    + network.outputWidth() + ", one per network output");
        }
        normalization.checkWidths(network.inputWidth(), network.outputWidth());
        if (classes != null && (normalization.targetMean() != null || normalization.targetStd() != null)) {
            throw new IllegalArgumentException("classes marks a classifier, but normalize has target_mean or "
                    + "target_std, which only a regression model's outputs have; a classifier's outputs are class scores");
        }
    }

    private static void checkNames(String what, List<String> names, int width, String kind) {
        if (!names.isEmpty() && names.size() != width) {
            throw new IllegalArgumentException(what + " has " + names.size() + " names; expected " + width
                    + ", one per network " + kind + " (or none)");
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
     * The predicted class label of each row of {@link #predict} outputs: the label of the
     * highest score ({@link Metrics#argmax}).
     *
     * @throws IllegalStateException for a model that is not a classifier
     */
    public int[] predictClasses(double[] outputs) {
        if (classes == null) {
            throw new IllegalStateException("this model has no classes; it is a regression model");
        }
        int[] index = Metrics.argmax(outputs, network.outputWidth());
        int[] labels = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            labels[i] = classes.labels().get(index[i]);
        }
        return labels;
    }
}
