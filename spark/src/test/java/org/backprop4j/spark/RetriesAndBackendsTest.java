package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.train.BatchProgress;
import org.backprop4j.nn.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Under {@code local[2,4]}, where Spark tries a failed task up to 4 times: a task that fails on its
 * first attempt is retried and the run ends with bitwise the weights of a run without failures
 * (and of the sharded reference); a backend that the executors cannot run fails the first step,
 * naming the backend, the executor and the probe result.
 */
class RetriesAndBackendsTest {
    private static final Backends BACKENDS = Backends.discover();
    private static final int[] SIZES = {25, 0, 20, 15};
    private static JavaSparkContext context;
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @BeforeAll
    static void start() {
        context = TestData.context("local[2,4]");
        context.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    private static Sequential network(String backend) {
        return Sequential.build(BACKENDS.get(backend), DType.FLOAT64, OneMachineEqualityContract.LAYERS, 42L);
    }

    private static Sequential trainOnSpark(String backend, TrainingListener listener) {
        Sequential model = network(backend);
        Backend b = model.backend();
        new SparkTrainer(model, new Adam(b, model.parameters(), Adam.Config.of(0.01)), OneMachineEqualityContract.MSE,
                OneMachineEqualityContract.CONFIG).fit(TestData.partitioned(context,
                OneMachineEqualityContract.TRAINING, SIZES), TestData.partitioned(context,
                OneMachineEqualityContract.VALIDATION, 10, 11), listener);
        return model;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheWeightsAreBitwiseTheSame() throws Exception {
        Sequential clean = trainOnSpark("flaky", TrainingListener.NONE);
        assertThat(FlakyBackendProvider.thrown()).isZero();
        FAILED_TASKS.set(0);

        Sequential retried = trainOnSpark("flaky", new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                if (progress.epoch() == 2 && progress.batch() == 1) {
                    FlakyBackendProvider.arm(); // the next step's first task to compute fails on its first attempt
                }
            }
        });
        context.sc().listenerBus().waitUntilEmpty();
        assertThat(FlakyBackendProvider.thrown()).as("failures injected").isEqualTo(1);
        assertThat(FAILED_TASKS.get()).as("failed task attempts Spark saw").isEqualTo(1);
        assertThat(TestData.bitwiseEqual(retried, clean)).as("bitwise equal after a retry").isTrue();

        Sequential reference = network("naive");
        new org.backprop4j.nn.train.Trainer(reference, new Adam(reference.backend(), reference.parameters(),
                Adam.Config.of(0.01)), OneMachineEqualityContract.MSE.create(reference.backend()),
                OneMachineEqualityContract.CONFIG).fit(new ShardedReference(OneMachineEqualityContract.TRAINING,
                reference, OneMachineEqualityContract.MSE, SIZES), null, TrainingListener.NONE);
        assertThat(TestData.bitwiseEqual(retried, reference)).as("bitwise equal to the sharded reference").isTrue();
    }

    @Test
    void aBackendTheExecutorsCannotRunFailsTheFirstStepNamingItAndTheProbe() {
        AtomicInteger steps = new AtomicInteger();
        assertThatThrownBy(() -> trainOnSpark("driveronly", new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                steps.incrementAndGet();
            }
        })).isInstanceOf(ExecutorBackendException.class)
                .hasMessageStartingWith("executor driver on host ")
                .hasMessageContaining("backend 'driveronly' is unavailable here: " + DriverOnlyBackendProvider.MISSING);
        assertThat(steps.get()).as("steps taken").isZero();
    }
}
