package org.backprop4j.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.cli.SparkTraining;
import org.backprop4j.cli.UsageException;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;

/**
 * {@code backprop4j train --spark}: the CLI's rows (read and standardised on the driver, as
 * without Spark) become RDDs of {@code spark.default.parallelism} partitions of consecutive rows,
 * trained with {@link SparkTrainer}. The Spark context is made from the master and any
 * {@code spark.*} system properties (spark-submit sets them), and stopped afterwards. For a local master the driver binds to 127.0.0.1 and the
 * web UI is off unless the properties say otherwise.
 */
public final class CliSparkTraining implements SparkTraining {

    @Override
    public History fit(String master, Sequential network, Optimizer optimizer, LossSpec loss, TrainingConfig config,
                       Dataset training, Dataset validation, TrainingListener listener, PrintWriter console) {
        JavaSparkContext context = new JavaSparkContext(conf(master));
        try {
            int partitions = context.defaultParallelism();
            console.println("on Spark " + context.master() + ": " + partitions + " partitions of the training rows, "
                    + "one job per step, backend " + network.backend().name() + " on every executor");
            console.flush();
            JavaRDD<Example> rows = context.parallelize(examples(training), partitions);
            JavaRDD<Example> held = validation == null ? null : context.parallelize(examples(validation), partitions);
            return new SparkTrainer(network, optimizer, null, loss, config).fit(rows, held, listener);
        } finally {
            context.stop();
        }
    }

    @Override
    public void check(String master) {
        conf(master);
    }

    private static SparkConf conf(String master) {
        SparkConf conf = new SparkConf();
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new UsageException("--spark without a master needs spark-submit's --master; give one, e.g. "
                    + "--spark 'local[2]'");
        }
        String chosen = conf.get("spark.master");
        if (!chosen.matches("local(\\[(\\*|\\d+)(,\\d+)?])?|spark://.+|yarn|k8s://.+|mesos://.+")) {
            throw new UsageException("--spark '" + chosen + "' is not a Spark master URL; expected local, local[N], "
                    + "local[N,F], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        conf.setIfMissing("spark.app.name", "backprop4j train");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (chosen.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    private static List<Example> examples(Dataset data) {
        double[] x = data.inputs();
        double[] y = data.targets();
        int in = data.inputWidth();
        int tw = data.targetWidth();
        List<Example> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] xi = new double[in];
            double[] yi = new double[tw];
            System.arraycopy(x, i * in, xi, 0, in);
            System.arraycopy(y, i * tw, yi, 0, tw);
            rows.add(new Example(xi, yi));
        }
        return rows;
    }
}
