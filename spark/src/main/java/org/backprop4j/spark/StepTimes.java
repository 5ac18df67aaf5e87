package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.LocalBatchStep;

/**
 * The time of one synchronous step (the job that computes a batch's gradient: broadcast, tasks,
 * collect, the driver's sum) against the number of partitions and the batch size, beside the same
 * batch's gradient on one machine. Prints a Markdown table. Run it as the spark module's README
 * says:
 * <pre>
 *   java $(cat spark/target/spark-jvm.options) -cp "spark/target/backprop4j-spark-VERSION-all.jar:spark/target/lib/*" \
 *       org.backprop4j.spark.StepTimes [MASTER [BACKEND]]        (default: local[2] nd4j)
 * </pre>
 * The model is 64 -> 256 -> 256 -> 10 (ReLU, cross-entropy, float64: 85,002 parameters, 680 kB
 * as doubles); 16,384 seeded rows. Every backend, the one-machine one too, uses one thread per op
 * (a task per core is Spark's parallelism). Each cell is the median over 3 rounds of the mean of 5
 * steps, after 3 steps of warm-up. This is a measurement tool, not a test: nothing here is asserted.
 */
public final class StepTimes {
    private static final int ROWS = 16_384;
    private static final int[] PARTITIONS = {1, 2, 4, 8};
    private static final int[] BATCHES = {64, 256, 1024, 4096};

    private StepTimes() {
    }

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        Backend backend = Backends.discover().withThreads(1).get(args.length > 1 ? args[1] : "nd4j");
        List<LayerSpec> layers = List.of(new LayerSpec.Linear(64, 256, true), LayerSpec.ActivationLayer.of(Activation.RELU),
                new LayerSpec.Linear(256, 256, true), LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(256, 10, true));
        LossSpec loss = new LossSpec.CrossEntropy(Reduction.MEAN);
        Sequential model = Sequential.build(backend, DType.FLOAT64, layers, 1L).train();
        Dataset data = data();
        int[] order = new int[ROWS];
        Arrays.setAll(order, i -> i);
        long parameters = model.parameters().stream().mapToLong(p -> p.value().shape().size()).sum();
        System.out.printf(Locale.ROOT, "model 64 -> 256 -> 256 -> 10, %,d parameters (%,d bytes as doubles), %s, "
                + "%,d rows, %s%n%n", parameters, 8 * parameters, backend.name(), ROWS, master);
        StringBuilder header = new StringBuilder("| batch | one machine |");
        StringBuilder rule = new StringBuilder("|---:|---:|");
        for (int p : PARTITIONS) {
            header.append(' ').append(p).append(p == 1 ? " partition |" : " partitions |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);

        JavaSparkContext context = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("step times")
                .setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"));
        try {
            List<Example> examples = examples(data);
            List<RowBlocks> blocks = new ArrayList<>();
            List<SparkRows> steps = new ArrayList<>();
            ModelDescription description = ModelDescription.of(model, loss, 1);
            for (int p : PARTITIONS) {
                JavaRDD<Example> rdd = context.parallelize(examples, p);
                RowBlocks b = RowBlocks.of(rdd, "benchmark");
                blocks.add(b);
                steps.add(new SparkRows(context, b, model, description, Reduction.MEAN));
            }
            LocalBatchStep local = new LocalBatchStep(model, loss.create(backend));
            for (int batch : BATCHES) {
                StringBuilder row = new StringBuilder("| " + batch + " | ");
                row.append(ms(median(() -> {
                    model.zeroGrad();
                    local.gradients(data, order, 0, batch);
                }))).append(" |");
                for (SparkRows s : steps) {
                    row.append(' ').append(ms(median(() -> {
                        model.zeroGrad();
                        s.gradients(order, 0, batch);
                        // a new weight every step, as training has: the broadcast is made each time
                        double[] w = backend.toDoubleArray(model.parameters().get(0).value());
                        w[0] += 1e-9;
                        backend.copyIn(w, model.parameters().get(0).value());
                    }))).append(" |");
                }
                System.out.println(row);
            }
            steps.forEach(SparkRows::release);
            blocks.forEach(RowBlocks::release);
        } finally {
            context.stop();
        }
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Median over 3 rounds of the mean time of 5 runs, after 3 runs of warm-up, in nanoseconds. */
    private static double median(Runnable step) {
        for (int i = 0; i < 3; i++) {
            step.run();
        }
        double[] rounds = new double[3];
        for (int r = 0; r < rounds.length; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                step.run();
            }
            rounds[r] = (System.nanoTime() - start) / 5.0;
        }
        Arrays.sort(rounds);
        return rounds[1];
    }

    private static Dataset data() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[ROWS * 64];
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 64; j++) {
                x[64 * i + j] = rng.nextDouble() * 2 - 1;
            }
            y[i] = rng.nextInt(10);
        }
        return new Dataset(x, 64, y, 1);
    }

    private static List<Example> examples(Dataset data) {
        double[] x = data.inputs();
        double[] y = data.targets();
        List<Example> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            rows.add(new Example(Arrays.copyOfRange(x, 64 * i, 64 * i + 64), new double[] {y[i]}));
        }
        return rows;
    }
}
