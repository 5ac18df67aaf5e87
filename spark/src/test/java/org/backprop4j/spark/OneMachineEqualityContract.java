package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof, run under each master a subclass names: for 1, 2, 3 and 5 partitions (uneven, and
 * empty ones), SGD with momentum and Adam, float64 weights after 3 epochs within 1e-12 (relative
 * to each parameter's largest weight) of the one-machine {@link Trainer} with the same seed and
 * settings, and bitwise equal to the {@link ShardedReference}, which sums the same shards in the
 * same order; the epochs' training and validation losses likewise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneMachineEqualityContract {
    static final Backend NAIVE = Backends.discover().get("naive");
    static final List<LayerSpec> LAYERS = List.of(new LayerSpec.Linear(4, 8, true), LayerSpec.ActivationLayer.of(Activation.TANH),
            new LayerSpec.Linear(8, 2, true));
    static final LossSpec MSE = new LossSpec.Mse(Reduction.MEAN);
    static final TrainingConfig CONFIG = new TrainingConfig(3, 16, 7L);
    static final Dataset TRAINING = TestData.regression(60, 2, 1);
    static final Dataset VALIDATION = TestData.regression(21, 2, 2);

    JavaSparkContext context;

    /** {@code local[2]}, {@code local[2,4]}. */
    abstract String master();

    @BeforeAll
    void start() {
        context = TestData.context(master());
    }

    @AfterAll
    void stop() {
        context.stop();
    }

    static List<Arguments> layouts() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (int[] sizes : new int[][] {{60}, {37, 23}, {0, 45, 15}, {12, 0, 30, 1, 17}}) {
            cases.add(Arguments.of("sgd momentum 0.9", sizes));
            cases.add(Arguments.of("adam", sizes));
        }
        return cases;
    }

    static Optimizer optimizer(String name, Sequential model) {
        return name.equals("adam") ? new Adam(NAIVE, model.parameters(), Adam.Config.of(0.01))
                : new Sgd(NAIVE, model.parameters(), new Sgd.Config(0.05, 0.9, 0, 0, false));
    }

    static Sequential network() {
        return Sequential.build(NAIVE, DType.FLOAT64, LAYERS, 42L);
    }

    @ParameterizedTest(name = "{0}, partitions of {1}")
    @MethodSource("layouts")
    void sparkEqualsOneMachineAndTheShardedReferenceBitwise(String optimizer, int[] sizes) {
        Sequential oneMachine = network();
        History expected = new Trainer(oneMachine, optimizer(optimizer, oneMachine), MSE.create(NAIVE), CONFIG)
                .fit(TRAINING, VALIDATION, TrainingListener.NONE);

        Sequential reference = network();
        History sharded = new Trainer(reference, optimizer(optimizer, reference), MSE.create(NAIVE), CONFIG).fit(
                new ShardedReference(TRAINING, reference, MSE, sizes),
                new ShardedReference(VALIDATION, reference, MSE, 21), TrainingListener.NONE);

        Sequential spark = network();
        History distributed = new SparkTrainer(spark, optimizer(optimizer, spark), MSE, CONFIG).fit(
                TestData.partitioned(context, TRAINING, sizes), TestData.partitioned(context, VALIDATION, 21),
                TrainingListener.NONE);

        assertThat(TestData.bitwiseEqual(spark, reference)).as("bitwise equal to the sharded reference").isTrue();
        assertThat(TestData.relativeDifference(spark, oneMachine)).as("relative to one machine").isLessThan(1e-12);
        assertThat(TestData.relativeDifference(spark, network())).as("it trained").isGreaterThan(0.1);
        assertSameLosses(distributed, sharded, 0);
        assertSameLosses(distributed, expected, 1e-12);
    }

    static void assertSameLosses(History actual, History expected, double relative) {
        for (Function<History, double[]> losses : List.<Function<History, double[]>>of(History::trainingLosses,
                History::validationLosses)) {
            double[] a = losses.apply(actual);
            double[] e = losses.apply(expected);
            assertThat(a).hasSameSizeAs(e);
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(e[i])) { // no validation set
                    assertThat(a[i]).isNaN();
                    continue;
                }
                assertThat(Math.abs(a[i] - e[i])).as("epoch " + (i + 1)).isLessThanOrEqualTo(relative * Math.abs(e[i]));
            }
        }
    }
}
