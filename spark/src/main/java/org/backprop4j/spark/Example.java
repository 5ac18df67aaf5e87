package org.backprop4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One training row for {@link SparkTrainer#fit(org.apache.spark.api.java.JavaRDD,
 * org.apache.spark.api.java.JavaRDD, org.backprop4j.nn.train.TrainingListener)}: its inputs and
 * its targets, as a {@link org.backprop4j.nn.train.Dataset} row holds them (target values or class
 * probabilities of the output's width, or one class index for cross_entropy and nll).
 *
 * <p>The arrays are kept as given, not copied (an RDD may hold millions of rows): do not modify
 * them afterwards. Two examples are equal when their values are.
 *
 * @param inputs  the row's inputs, at least one
 * @param targets the row's targets, at least one
 */
public record Example(double[] inputs, double[] targets) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when either array is empty */
    public Example {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.length == 0 || targets.length == 0) {
            throw new IllegalArgumentException("example has " + inputs.length + " inputs and " + targets.length
                    + " targets; expected at least one of each");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && Arrays.equals(e.inputs, inputs)
                && Arrays.equals(e.targets, targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inputs) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Example" + Arrays.toString(inputs) + " -> " + Arrays.toString(targets);
    }
}
