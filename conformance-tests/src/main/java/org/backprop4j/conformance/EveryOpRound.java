package org.backprop4j.conformance;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * One call of every op of a backend (each product form, {@code alpha == 0} and {@code beta == 0}
 * included; every activation forward and backward, default and non-default parameters; every
 * binary, unary and row op, in place too; the storage ops), on operands made once: the round a
 * backend's allocation test repeats, once the JIT has compiled it, while it reads the JVM's
 * per-thread allocation counter (about 90 calls: one small object in any would show as 16 bytes
 * or more per round).
 *
 * <p>The operands: a {@code [batch, in]} input, an {@code [out, in]} weight, an {@code [out]}
 * bias, Gaussian values from seed 42, and a {@code [batch, out]} tensor of positive values for the
 * unary ops (so {@code log} and {@code sqrt} see their domain). Sizes that are not whole vectors
 * of a SIMD backend make its loops' scalar ends run too. Not thread-safe: one round at a time.
 */
public final class EveryOpRound implements Runnable {
    // copies made once: values() makes a new array on every call
    private static final Activation[] ACTIVATIONS = {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
        Activation.leakyRelu(0.2), Activation.SIGMOID, Activation.TANH, Activation.GELU, Activation.GELU_TANH,
        Activation.SILU, Activation.ELU, Activation.SOFTPLUS, Activation.elu(0.5), Activation.softplus(2, 5)};
    private static final BinaryOp[] BINARY_OPS = BinaryOp.values();
    private static final UnaryOp[] UNARY_OPS = UnaryOp.values();
    private static final ReduceOp[] REDUCE_OPS = ReduceOp.values();

    private final Backend backend;
    private final Tensor x;
    private final Tensor w;
    private final Tensor bias;
    private final Tensor y;
    private final Tensor dy;
    private final Tensor dw;
    private final Tensor dx;
    private final Tensor scratch;
    private final Tensor rows;
    private final Tensor positive;
    private final double[] doubles;
    private final float[] floats;
    /** The reductions' results, kept so that no call can be optimised away. */
    private double sink;

    /** The operands of a round on {@code backend} in {@code dtype}; every size must be >= 1. */
    public EveryOpRound(Backend backend, DType dtype, int batch, int in, int out) {
        this.backend = backend;
        Random random = new Random(42);
        x = gaussian(dtype, Shape.matrix(batch, in), random);
        w = gaussian(dtype, Shape.matrix(out, in), random);
        bias = gaussian(dtype, Shape.vector(out), random);
        y = backend.zeros(dtype, Shape.matrix(batch, out));
        dy = gaussian(dtype, Shape.matrix(batch, out), random);
        dw = backend.zeros(dtype, Shape.matrix(out, in));
        dx = backend.zeros(dtype, Shape.matrix(batch, in));
        scratch = backend.zeros(dtype, Shape.matrix(batch, out));
        rows = backend.zeros(dtype, Shape.vector(batch));
        double[] halves = new double[batch * out];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = 0.5 * (1 + i % 8);
        }
        positive = backend.fromArray(dtype, Shape.matrix(batch, out), halves);
        doubles = new double[batch * out];
        floats = new float[batch * out];
    }

    private Tensor gaussian(DType dtype, Shape shape, Random random) {
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return backend.fromArray(dtype, shape, values);
    }

    /** One call of every op. */
    @Override
    public void run() {
        backend.gemm(1.0, x, false, w, true, 0.0, y);
        backend.gemm(1.0, dy, true, x, false, 1.0, dw);
        backend.gemm(1.0, dy, false, w, false, 0.0, dx);
        backend.gemm(0.0, dy, false, w, false, 0.5, dx);
        backend.addRowVector(y, bias, y);
        backend.addRowVector(dy, bias, scratch);
        backend.columnSums(dy, 1.0, bias);
        for (Activation f : ACTIVATIONS) {
            backend.activation(f, y, scratch);
            backend.activationBackward(f, y, scratch, dy, scratch);
        }
        for (ReduceOp op : REDUCE_OPS) {
            backend.rowReduce(op, y, rows);
        }
        for (BinaryOp op : BINARY_OPS) {
            backend.binary(op, y, dy, scratch);
            backend.rowBroadcast(op, positive, rows, scratch);
            backend.rowBroadcast(op, scratch, rows, scratch);
        }
        for (UnaryOp op : UNARY_OPS) {
            backend.unary(op, positive, scratch);
        }
        backend.axpby(-1e-3, dw, 1.0, w);
        backend.axpby(0.5, dy, 0.9, scratch);
        backend.axpby(0.5, dy, 0.0, scratch);
        backend.axpby(0.0, dy, 0.5, scratch);
        backend.axpby(0.5, scratch, 0.5, scratch);
        backend.addScalar(scratch, 1.0, scratch);
        backend.copy(dy, scratch);
        backend.fill(dw, 0.0);
        backend.copyOut(y, doubles);
        backend.copyIn(doubles, scratch);
        backend.copyOut(y, floats);
        backend.copyIn(floats, scratch);
        sink += backend.sum(y) + backend.dot(y, dy);
    }

    /** Whether this JVM counts the bytes each thread allocates ({@link #bytesPerRound} needs it). */
    public static boolean allocationCounterSupported() {
        return threads().isThreadAllocatedMemorySupported();
    }

    /**
     * The heap bytes the calling thread allocates per round: {@code warmRounds} rounds to let the
     * JIT compile the ops, then the bytes of {@code rounds} rounds divided by {@code rounds}.
     *
     * @throws UnsupportedOperationException when the JVM does not count them
     */
    public long bytesPerRound(int warmRounds, int rounds) {
        for (int i = 0; i < warmRounds; i++) {
            run();
        }
        com.sun.management.ThreadMXBean threads = threads();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < rounds; i++) {
            run();
        }
        return (threads.getThreadAllocatedBytes(id) - before) / rounds;
    }

    private static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    /** The sum of every round's reductions so far (kept so that no call can be optimised away). */
    public double sink() {
        return sink;
    }
}
