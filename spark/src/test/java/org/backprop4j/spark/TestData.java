package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.train.Dataset;

/** Seeded data, partitioned RDDs of it, a test SparkContext and weight comparisons. */
final class TestData {
    private TestData() {
    }

    /** A local SparkContext bound to the loopback address, without UI: {@code local[2]} or {@code local[2,4]}. */
    static JavaSparkContext context(String master) {
        return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("backprop4j-spark-test")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"));
    }

    /** {@code rows} rows of 4 Gaussian inputs and {@code targets} smooth targets of them plus noise. */
    static Dataset regression(int rows, int targets, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[rows * 4];
        double[] y = new double[rows * targets];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 4; j++) {
                x[4 * i + j] = gaussian(rng);
            }
            for (int k = 0; k < targets; k++) {
                y[targets * i + k] = Math.sin(x[4 * i + k]) + 0.5 * x[4 * i + 3] * x[4 * i + 2] + 0.1 * gaussian(rng);
            }
        }
        return new Dataset(x, 4, y, targets);
    }

    /** Three Gaussian blobs in 4-D; the one target column is the class index 0, 1 or 2. */
    static Dataset blobs(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[rows * 4];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = rng.nextInt(3);
            for (int j = 0; j < 4; j++) {
                x[4 * i + j] = (j == k ? 2 : 0) + gaussian(rng);
            }
            y[i] = k;
        }
        return new Dataset(x, 4, y, 1);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * The rows of {@code data} in order, partition {@code p} holding the next {@code sizes[p]} of
     * them (0 for an empty partition).
     */
    static JavaRDD<Example> partitioned(JavaSparkContext context, Dataset data, int... sizes) {
        double[] x = data.inputs();
        double[] y = data.targets();
        int in = data.inputWidth();
        int tw = data.targetWidth();
        List<List<Example>> partitions = new ArrayList<>();
        int row = 0;
        for (int size : sizes) {
            List<Example> part = new ArrayList<>();
            for (int i = 0; i < size; i++, row++) {
                double[] xi = new double[in];
                double[] yi = new double[tw];
                System.arraycopy(x, row * in, xi, 0, in);
                System.arraycopy(y, row * tw, yi, 0, tw);
                part.add(new Example(xi, yi));
            }
            partitions.add(part);
        }
        if (row != data.size()) {
            throw new IllegalArgumentException("partition sizes add up to " + row + "; the data has " + data.size());
        }
        return context.parallelize(partitions, sizes.length).flatMap(List::iterator);
    }

    /** The largest {@code |a - b|} over every weight of a parameter, divided by its largest {@code |b|}. */
    static double relativeDifference(Sequential a, Sequential b) {
        double worst = 0;
        for (Parameter p : b.parameters()) {
            double[] u = a.backend().toDoubleArray(a.namedParameters().get(p.name()).value());
            double[] v = b.backend().toDoubleArray(p.value());
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < v.length; i++) {
                scale = Math.max(scale, Math.abs(v[i]));
                diff = Math.max(diff, Math.abs(u[i] - v[i]));
            }
            worst = Math.max(worst, diff / scale);
        }
        return worst;
    }

    /** Whether every weight of {@code a} has the bits of the same weight of {@code b}. */
    static boolean bitwiseEqual(Sequential a, Sequential b) {
        for (Parameter p : b.parameters()) {
            double[] u = a.backend().toDoubleArray(a.namedParameters().get(p.name()).value());
            double[] v = b.backend().toDoubleArray(p.value());
            for (int i = 0; i < v.length; i++) {
                if (Double.doubleToRawLongBits(u[i]) != Double.doubleToRawLongBits(v[i])) {
                    return false;
                }
            }
        }
        return true;
    }
}
