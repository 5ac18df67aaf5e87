package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.conformance.EveryOpRound;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.MseLoss;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Sgd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once warm, the backend allocates nothing on the Java heap: not in any op on the calling thread
 * (the JIT must keep every vector in registers; a vector it cannot is a 16-80 byte box per use),
 * and not in a training step whose products are packed and split among the pool's threads, on
 * the caller or on any worker. Measured in bytes with the JVM's per-thread allocation counter,
 * not in time.
 */
class VectorAllocationTest {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** How long to wait for the JIT to compile everything, at most. */
    private static final long WARM_SECONDS = 60;

    /** The reductions' results, kept so that no call can be optimised away. */
    private double sink;

    @ParameterizedTest(name = "every op allocates nothing once warm ({0})")
    @EnumSource(DType.class)
    void everyOpAllocatesNothingOnceWarm(DType dtype) {
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        Backend backend = Backend.wrap(new VectorBackendProvider(1));
        // a [4, 20] batch, a [6, 20] weight: 20 and 24 elements are not all whole vectors, so every
        // loop's scalar end runs too; small, because until the JIT has compiled them the vector loops
        // run a hundred times slower (packed and split products are in the training step below)
        EveryOpRound round = new EveryOpRound(backend, dtype, 4, 20, 6);
        long perRound = bytesPerRunOnceWarm(round, this::callerAllocated, 10_000, 2_000);
        assertThat(perRound).as("bytes allocated per round of every op").isLessThan(16);
        assertThat(round.sink()).isNotNaN();
    }

    @ParameterizedTest(name = "a training step with packed products on 2 threads allocates nothing once warm ({0})")
    @EnumSource(DType.class)
    void aSplitTrainingStepAllocatesNothingOnceWarm(DType dtype) {
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        Backend backend = Backend.wrap(new VectorBackendProvider(2));
        SplittableRandom rng = new SplittableRandom(42);
        // batch 32, 128 -> 256 -> 10: the first layer's products (32 x 256 x 128 and 256 x 128 x 32
        // multiply-adds, 2^20 each) are split between the threads, the second's packed on the caller
        Sequential model = Sequential.build(backend, dtype, List.of(new LayerSpec.Linear(128, 256, true),
                LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(256, 10, true)), rng);
        MseLoss loss = new MseLoss(backend, Reduction.MEAN);
        Sgd sgd = new Sgd(backend, model.parameters(), Sgd.Config.of(1e-3));
        Tensor input = backend.fromArray(dtype, Shape.matrix(32, 128), uniform(rng, 32 * 128));
        Tensor target = backend.fromArray(dtype, Shape.matrix(32, 10), uniform(rng, 32 * 10));
        Runnable step = () -> {
            sgd.zeroGrad();
            sink += loss.forward(model.forward(input), target);
            model.backwardParameters(loss.backward());
            sgd.step();
        };
        step.run(); // starts the pool's workers
        long[] ids = workerAndCallerIds();
        assertThat(ids).as("the caller and at least one worker").hasSizeGreaterThan(1);
        long perStep = bytesPerRunOnceWarm(step, () -> allocated(ids), 1_000, 500);
        assertThat(perStep).as("bytes allocated per step by the caller and the workers").isLessThan(16);
        assertThat(sink).isNotNaN();
    }

    /**
     * The heap bytes {@code run} allocates per call once the JIT has compiled it: after
     * {@code warmRuns} calls, batches of {@code measuredRuns} calls until one allocates less than
     * 16 bytes per call (compiling can take long on a busy machine), or for at most
     * {@value #WARM_SECONDS} s; the last batch's figure.
     */
    private static long bytesPerRunOnceWarm(Runnable run, LongSupplier allocated, int warmRuns, int measuredRuns) {
        for (int i = 0; i < warmRuns; i++) {
            run.run();
        }
        long deadline = System.nanoTime() + WARM_SECONDS * 1_000_000_000L;
        long perRun;
        do {
            long before = allocated.getAsLong();
            for (int i = 0; i < measuredRuns; i++) {
                run.run();
            }
            perRun = (allocated.getAsLong() - before) / measuredRuns;
        } while (perRun >= 16 && System.nanoTime() < deadline);
        return perRun;
    }

    private long callerAllocated() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    /** This thread's id and those of every worker thread of the backend's pools in this JVM. */
    private static long[] workerAndCallerIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th == Thread.currentThread() || th.getName().startsWith("backprop4j-vector-"))
                .mapToLong(Thread::getId).toArray();
    }

    private long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id)); // -1 for a thread that has ended
        }
        return sum;
    }

    private static double[] uniform(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
