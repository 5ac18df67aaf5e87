package org.backprop4j.cli.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.backprop4j.cli.UsageException;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Dataset;

/**
 * A CSV table turned into examples: the target columns become the targets and every other
 * column, in file order, an input. For classification the one target column holds integer
 * labels; with the distinct labels sorted as {@code l_0 < l_1 < ...}, a row of label {@code l_k}
 * gets the class index {@code k} as its one target ({@link #oneHot()} turns that into target 1 at
 * position {@code k} and 0 elsewhere).
 *
 * @param dataset     inputs and targets (for classification, one column of class indices)
 * @param inputNames  the input columns, in order
 * @param outputNames the target columns, or for classification {@code COLUMN_LABEL} per class
 * @param classes     the class column and its sorted labels, or null for regression
 */
public record LabeledData(Dataset dataset, List<String> inputNames, List<String> outputNames,
                          SavedModel.Classes classes) {
    /** Up to this many classes, any number of rows will do (small data sets, tests). */
    static final int FEW_CLASSES = 10;
    /**
     * Beyond {@link #FEW_CLASSES} classes, the rows a class needs on average. A classifier learns
     * a class from its examples, and with fewer than a handful per class most classes cannot
     * appear in both the training and the validation split; a column like that (diabetes
     * progression: 214 distinct values in 442 rows) holds a quantity, not classes.
     */
    static final int MIN_ROWS_PER_CLASS = 5;

    /**
     * Selects the columns of {@code table}.
     *
     * @throws UsageException for an unknown or repeated target, no input column left, more than
     *                        one target, fewer than two classes or more than {@value #FEW_CLASSES} with fewer
     *                        than {@value #MIN_ROWS_PER_CLASS} rows each with {@code classify}, or a bad value
     */
    public static LabeledData of(CsvTable table, List<String> targets, boolean classify) {
        Set<String> targetSet = new HashSet<>();
        for (String t : targets) {
            table.column(t);
            if (!targetSet.add(t)) {
                throw new UsageException("--target names column '" + t + "' twice");
            }
        }
        List<String> inputs = new ArrayList<>();
        for (String name : table.header()) {
            if (!targetSet.contains(name)) {
                inputs.add(name);
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageException(table.file() + ": every column is a target; expected at least one input column");
        }
        double[] x = table.numbers(inputs);
        if (!classify) {
            return new LabeledData(new Dataset(x, inputs.size(), table.numbers(targets), targets.size()),
                    inputs, targets, null);
        }
        if (targets.size() != 1) {
            throw new UsageException("--classify takes one target column of class labels; found " + targets.size()
                    + ": " + String.join(", ", targets));
        }
        String column = targets.get(0);
        int[] labels = table.integers(column);
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(toList(labels)));
        if (sorted.size() < 2) {
            throw new UsageException(table.file() + ": column '" + column + "' holds only the label " + sorted.get(0)
                    + "; classification needs at least two classes");
        }
        if (sorted.size() > FEW_CLASSES && (long) sorted.size() * MIN_ROWS_PER_CLASS > labels.length) {
            throw new UsageException(table.file() + ": column '" + column + "' holds " + sorted.size()
                    + " distinct labels in " + labels.length + " rows, fewer than " + MIN_ROWS_PER_CLASS
                    + " rows per class; it looks like a quantity: to predict it, train without --classify");
        }
        double[] y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = sorted.indexOf(labels[i]);
        }
        List<String> outputs = sorted.stream().map(l -> column + "_" + l).toList();
        return new LabeledData(new Dataset(x, inputs.size(), y, 1), inputs, outputs,
                new SavedModel.Classes(column, sorted));
    }

    /**
     * The same classification data with one-hot targets: for class index {@code k}, target 1 at
     * position {@code k} and 0 elsewhere, one column per class.
     *
     * @throws IllegalStateException for regression data
     */
    public LabeledData oneHot() {
        if (classes == null) {
            throw new IllegalStateException("regression data has no classes to encode");
        }
        int k = classes.labels().size();
        double[] indices = dataset.targets();
        double[] y = new double[indices.length * k];
        for (int i = 0; i < indices.length; i++) {
            y[i * k + (int) indices[i]] = 1;
        }
        return new LabeledData(new Dataset(dataset.inputs(), dataset.inputWidth(), y, k), inputNames, outputNames,
                classes);
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
