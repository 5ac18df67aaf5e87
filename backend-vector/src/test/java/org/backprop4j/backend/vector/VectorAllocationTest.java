package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
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
    // copies made once: values() makes a new array on every call
    private static final Activation[] ACTIVATIONS = {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
        Activation.SIGMOID, Activation.TANH, Activation.GELU, Activation.GELU_TANH, Activation.SILU, Activation.ELU,
        Activation.SOFTPLUS};
    private static final BinaryOp[] BINARY_OPS = BinaryOp.values();
    private static final UnaryOp[] UNARY_OPS = UnaryOp.values();
    private static final ReduceOp[] REDUCE_OPS = ReduceOp.values();

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
        Operands t = new Operands(backend, dtype);
        long perRound = bytesPerRunOnceWarm(() -> round(backend, t), this::callerAllocated, 10_000, 2_000);
        // a round makes about 80 calls: one small object in any of them would show as 16 bytes or more
        assertThat(perRound).as("bytes allocated per round of every op").isLessThan(16);
        assertThat(sink).isNotNaN();
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

    /**
     * The operands of one round of every op: a [4, 20] batch, a [6, 20] weight, a [6] bias, random
     * values; 20 and 24 elements are not all whole vectors, so every loop's scalar end runs too.
     * Small, because until the JIT has compiled them the vector loops run a hundred times slower.
     * (Packed and split products are in the training step of the other test.)
     */
    private static final class Operands {
        final Tensor x;
        final Tensor w;
        final Tensor bias;
        final Tensor y;
        final Tensor dy;
        final Tensor dw;
        final Tensor dx;
        final Tensor scratch;
        final Tensor rows;
        final double[] doubles = new double[4 * 6];
        final float[] floats = new float[4 * 6];

        Operands(Backend backend, DType dtype) {
            SplittableRandom random = new SplittableRandom(42);
            x = backend.fromArray(dtype, Shape.matrix(4, 20), uniform(random, 4 * 20));
            w = backend.fromArray(dtype, Shape.matrix(6, 20), uniform(random, 6 * 20));
            bias = backend.fromArray(dtype, Shape.vector(6), uniform(random, 6));
            y = backend.zeros(dtype, Shape.matrix(4, 6));
            dy = backend.fromArray(dtype, Shape.matrix(4, 6), uniform(random, 4 * 6));
            dw = backend.zeros(dtype, Shape.matrix(6, 20));
            dx = backend.zeros(dtype, Shape.matrix(4, 20));
            scratch = backend.zeros(dtype, Shape.matrix(4, 6));
            rows = backend.zeros(dtype, Shape.vector(4));
        }
    }

    private void round(Backend backend, Operands t) {
        backend.gemm(1.0, t.x, false, t.w, true, 0.0, t.y);
        backend.gemm(1.0, t.dy, true, t.x, false, 1.0, t.dw);
        backend.gemm(1.0, t.dy, false, t.w, false, 0.0, t.dx);
        backend.addRowVector(t.y, t.bias, t.y);
        backend.addRowVector(t.dy, t.bias, t.scratch);
        backend.columnSums(t.dy, 1.0, t.bias);
        for (ReduceOp op : REDUCE_OPS) {
            backend.rowReduce(op, t.y, t.rows);
        }
        for (BinaryOp op : BINARY_OPS) {
            backend.binary(op, t.y, t.dy, t.scratch);
            backend.rowBroadcast(op, t.y, t.rows, t.scratch);
        }
        for (UnaryOp op : UNARY_OPS) {
            backend.unary(op, t.dy, t.scratch);
        }
        for (Activation f : ACTIVATIONS) {
            backend.activation(f, t.y, t.scratch);
            backend.activationBackward(f, t.y, t.scratch, t.dy, t.scratch);
        }
        backend.axpby(-1e-3, t.dw, 1.0, t.w);
        backend.axpby(0.5, t.dy, 0.9, t.scratch);
        backend.axpby(0.5, t.dy, 0.0, t.scratch);
        backend.addScalar(t.scratch, 1.0, t.scratch);
        backend.copy(t.dy, t.scratch);
        backend.fill(t.dw, 0.0);
        backend.copyOut(t.y, t.doubles);
        backend.copyIn(t.doubles, t.scratch);
        backend.copyOut(t.y, t.floats);
        backend.copyIn(t.floats, t.scratch);
        sink += backend.sum(t.y) + backend.dot(t.y, t.dy);
    }
}
