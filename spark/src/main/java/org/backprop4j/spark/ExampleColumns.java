package org.backprop4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a data frame are a row's inputs and which its targets. A column is numeric
 * (any of Spark's numeric types: one value) or an array of numbers (its elements, in order); a
 * row's inputs are its input columns' values in the order named, and likewise its targets. Values
 * are widened to double ({@code long}s beyond 2^53 and decimals round to the nearest double).
 *
 * @param inputs  the input columns, at least one, in order
 * @param targets the target columns, at least one, in order
 */
public record ExampleColumns(List<String> inputs, List<String> targets) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when a list is empty */
    public ExampleColumns {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        if (inputs.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("example columns: " + inputs.size() + " input and " + targets.size()
                    + " target columns; expected at least one of each");
        }
    }

    /**
     * The rows of {@code frame} as examples, partitioned as the frame is.
     *
     * @throws IllegalArgumentException (now) for a column that is missing or not numeric, naming it,
     *                                  its type and the frame's columns; (when the rows are read) for
     *                                  a null value, naming the column
     */
    JavaRDD<Example> examples(Dataset<Row> frame) {
        StructType schema = frame.schema();
        List<String> all = new ArrayList<>(inputs);
        all.addAll(targets);
        for (String name : all) {
            if (!Arrays.asList(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("column '" + name + "' is not in the data frame; it has "
                        + String.join(", ", schema.fieldNames()));
            }
            DataType type = schema.apply(name).dataType();
            boolean numeric = type instanceof NumericType
                    || type instanceof ArrayType a && a.elementType() instanceof NumericType;
            if (!numeric) {
                throw new IllegalArgumentException("column '" + name + "' is " + type.simpleString()
                        + "; expected a number or an array of numbers");
            }
        }
        int in = inputs.size();
        List<String> names = List.copyOf(all);
        return frame.selectExpr(all.stream().map(n -> "`" + n.replace("`", "``") + "`").toArray(String[]::new))
                .toJavaRDD().map(row -> new Example(values(row, 0, in, names), values(row, in, names.size(), names)));
    }

    private static double[] values(Row row, int from, int to, List<String> names) {
        List<Double> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (row.isNullAt(i)) {
                throw new IllegalArgumentException("column '" + names.get(i) + "' has a null value; expected numbers");
            }
            Object v = row.get(i);
            if (v instanceof Number n) {
                out.add(n.doubleValue());
            } else {
                for (Object e : row.getList(i)) {
                    if (e == null) {
                        throw new IllegalArgumentException("column '" + names.get(i)
                                + "' has an array with a null element; expected numbers");
                    }
                    out.add(((Number) e).doubleValue());
                }
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }
}
