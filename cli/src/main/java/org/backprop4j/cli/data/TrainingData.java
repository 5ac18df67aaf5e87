package org.backprop4j.cli.data;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.api.DType;
import org.backprop4j.cli.UsageException;
import org.backprop4j.nn.MemoryEstimate;
import org.backprop4j.nn.io.Normalization;
import org.backprop4j.nn.io.SavedModel;
import org.backprop4j.nn.train.Dataset;

/**
 * What {@code train} trains on: the CSV file's rows split into training and validation rows,
 * standardised with the training rows' statistics and held once, in the model's dtype (floats for
 * a float32 run: the values a float32 network computes on anyway). The raw values are read, split
 * and standardised in double, exactly as before, then dropped: only this is kept while training.
 *
 * @param training      the standardised training rows
 * @param validation    the standardised validation rows, or null for none
 * @param normalization the statistics, for the model file and to map outputs back to the data's units
 * @param inputNames    the input columns, in order
 * @param outputNames   the target columns, or for classification one name per class
 * @param classes       the class column and its sorted labels, or null for regression
 */
public record TrainingData(Dataset training, Dataset validation, Normalization normalization,
                           List<String> inputNames, List<String> outputNames, SavedModel.Classes classes) {
    /**
     * Copies of the values alive at once while the data is prepared: the table, its rows, the
     * split rows and their standardised copy.
     */
    static final int COPIES_WHILE_PREPARING = 4;

    /**
     * Reads and prepares {@code csv}.
     *
     * @param oneHot             for classification, targets as one-hot rows (one column per class)
     *                           instead of class indices (one column)
     * @param validationFraction the fraction of rows held out, in {@code [0, 1)}
     * @param splitSeed          seeds the split ({@link Dataset#split})
     * @param dtype              the model's dtype: the data is stored in it, and for float32 every value must fit it
     * @throws UsageException    for a bad file, column or value (naming file, line and column), a
     *                           fraction that leaves no training row, or data too large for the JVM
     */
    public static TrainingData prepare(Path csv, List<String> targets, boolean classify, boolean oneHot,
                                       double validationFraction, long splitSeed, DType dtype) {
        CsvTable table = CsvTable.read(csv, MemoryEstimate.jvmLimit() / COPIES_WHILE_PREPARING);
        LabeledData labeled = LabeledData.of(table, targets, classify);
        if (oneHot) {
            labeled = labeled.oneHot();
        }
        table.checkRange(labeled.inputNames(), dtype);
        if (!classify) {
            table.checkRange(targets, dtype);
        }
        Dataset.Split split;
        try {
            split = labeled.dataset().split(validationFraction, new SplittableRandom(splitSeed));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--validation " + validationFraction + ": " + e.getMessage(), e);
        }
        Normalization normalization;
        try {
            normalization = Normalization.fit(split.training(), !classify);
        } catch (IllegalArgumentException e) { // values so spread out that their variance overflows
            throw new UsageException(csv + ": cannot standardise the columns: " + e.getMessage(), e);
        }
        Dataset training = normalization.apply(split.training(), dtype);
        Dataset validation = split.validation() == null ? null : normalization.apply(split.validation(), dtype);
        return new TrainingData(training, validation, normalization, labeled.inputNames(), labeled.outputNames(),
                labeled.classes());
    }

    /** The bytes the training and validation rows take. */
    public long bytes() {
        return training.bytes() + (validation == null ? 0 : validation.bytes());
    }
}
