package org.backprop4j.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;

/**
 * {@code train --spark}: the fit on Apache Spark. The spark module implements it; it is found with
 * {@link ServiceLoader} only when the option is given, so neither it nor Spark is on the CLI's
 * class path otherwise (the launcher adds both for {@code --spark}).
 */
public interface SparkTraining {

    /**
     * Checks {@code master} (as {@link #fit} takes it) before any data is read.
     *
     * @throws UsageException for a master that is missing or malformed, naming it and what is allowed
     */
    void check(String master);

    /**
     * Trains {@code network} on the rows as {@code Trainer.fit} does, with the rows on Spark: the
     * same steps, so the same weights up to the rounding of adding the partitions' gradients.
     *
     * @param master     the Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...),
     *                   or empty for the one spark-submit was given
     * @param training   the standardised training rows; not modified
     * @param validation the standardised validation rows, or null; not modified
     * @param console    where to say where it runs
     * @return the loss of every epoch
     * @throws UsageException for a master that is missing or malformed
     */
    History fit(String master, Sequential network, Optimizer optimizer, LossSpec loss, TrainingConfig config,
                Dataset training, Dataset validation, TrainingListener listener, PrintWriter console);

    /**
     * The implementation on the class path.
     *
     * @throws UsageException when there is none, saying how to get it
     */
    static SparkTraining find() {
        return ServiceLoader.load(SparkTraining.class).findFirst().orElseThrow(() -> new UsageException(
                "--spark: the spark module is not on the class path; build it (mvn -B -q package -DskipTests) and "
                        + "run ./backprop4j, which adds it and Spark's jars for --spark"));
    }
}
