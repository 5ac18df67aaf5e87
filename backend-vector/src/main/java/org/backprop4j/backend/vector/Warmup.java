package org.backprop4j.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * Gets one dtype's vector loops compiled before the user's calls need them, and tells the loops
 * whether to use them yet.
 *
 * <p>Until the JIT's optimising compiler (C2) has compiled them, Vector API operations run a
 * hundred times slower than plain scalar code: every operation makes an object and loops over its
 * lanes. C2 compiles a method only after thousands of calls, so a short job (a {@code predict},
 * the first seconds of training) would run entirely at that speed. Instead, the first tensor of a
 * dtype starts a daemon thread that runs a small training step's ops in a loop, alternately on
 * the vector and on the scalar paths, until the vector paths are the faster in
 * {@value #CONFIRMATIONS} runs in a row (compiled: until then they are 3-100 times slower), or
 * for at most {@value #MAX_MILLIS} ms. Until
 * then the loops of every other thread run their scalar ends over the whole array, and products
 * take the unpacked scalar path, which the JIT compiles within milliseconds. These compute what
 * the vector lanes compute, bit for bit (the same operations element by element, and products
 * sum in the same order on every path), so results do not depend on when the switch happens.
 * Rules that run in {@link DoubleLanes} (transcendental activations, sums) always use their
 * vectors, since their scalar ends use {@code java.lang.Math}, which may differ in the last bit.
 */
final class Warmup {
    /** Runs in a row in which the vector paths must beat the scalar paths, so that one lucky measurement does not decide. */
    private static final int CONFIRMATIONS = 3;
    /** Give up waiting for the gain after this long, and use the vectors anyway. */
    static final long MAX_MILLIS = 10_000;

    static final Warmup FLOAT32 = new Warmup(DType.FLOAT32);
    static final Warmup FLOAT64 = new Warmup(DType.FLOAT64);

    private final DType dtype;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Whether every thread's loops use their vectors. */
    private volatile boolean ready;
    /** The warm-up thread, whose loops use their vectors unless {@link #scalarHere}; null until started. */
    private volatile Thread thread;
    /** Whether the warm-up thread is timing the scalar paths; written and read by that thread only. */
    private boolean scalarHere;

    /** The warm-up of {@code dtype}; the backend uses {@link #FLOAT32} and {@link #FLOAT64}, tests their own. */
    Warmup(DType dtype) {
        this.dtype = dtype;
    }

    /** The warm-up of {@code dtype}; a switch expression, so a new {@link DType} fails to compile here. */
    static Warmup of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
        };
    }

    /** Whether loops on the calling thread should use their vectors. */
    boolean vectors() {
        return ready || Thread.currentThread() == thread && !scalarHere;
    }

    /** Starts the warm-up thread, once per JVM; does nothing after the first call. */
    void start() {
        if (started.compareAndSet(false, true)) {
            Thread t = new Thread(this::run, "backprop4j-vector-warmup-" + dtype);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /**
     * From now on every thread's loops use their vectors ({@code true}) or only their scalar ends
     * ({@code false}), and no warm-up thread starts: for tests of either path.
     */
    void force(boolean vectors) {
        started.set(true);
        ready = vectors;
    }

    private void run() {
        try {
            Runnable step = workload(new VectorOps(1, false));
            long start = System.nanoTime();
            int confirmed = 0;
            while (confirmed < CONFIRMATIONS && System.nanoTime() - start < MAX_MILLIS * 1_000_000) {
                long withVectors = time(step, false);
                long scalar = time(step, true);
                confirmed = withVectors < scalar ? confirmed + 1 : 0;
            }
        } finally {
            ready = true;
        }
    }

    /** The time {@code step} takes on this thread, on the scalar paths or on the vector paths. */
    private long time(Runnable step, boolean scalar) {
        scalarHere = scalar;
        long t = System.nanoTime();
        step.run();
        return System.nanoTime() - t;
    }

    /**
     * One small training step's ops, in this dtype, on {@code ops}: the three products of a linear
     * layer (packed: above {@link Tiling#DIRECT_MAX}), an unpacked product, bias, ReLU and its
     * gradient, MSE's ops, SGD's and Adam's updates, sigmoid and tanh. Every output is computed
     * afresh from the same inputs at each run, so the values stay what they were at the first.
     */
    private Runnable workload(VectorOps ops) {
        int batch = 2 * Float32Gemm.MR + 1;
        int in = 40;
        int out = 2 * Float32Gemm.NR + 3;
        Tensor x = filled(ops, Shape.matrix(batch, in), 0.25);
        Tensor w = filled(ops, Shape.matrix(out, in), -0.125);
        Tensor bias = filled(ops, Shape.vector(out), 0.5);
        Tensor moment = filled(ops, Shape.matrix(out, in), 1.0);
        Tensor y = ops.zeros(dtype, Shape.matrix(batch, out));
        Tensor h = ops.zeros(dtype, Shape.matrix(batch, out));
        Tensor dy = ops.zeros(dtype, Shape.matrix(batch, out));
        Tensor dw = ops.zeros(dtype, Shape.matrix(out, in));
        Tensor update = ops.zeros(dtype, Shape.matrix(out, in));
        Tensor scratch = ops.zeros(dtype, Shape.matrix(out, in));
        Tensor dx = ops.zeros(dtype, Shape.matrix(batch, in));
        Tensor db = ops.zeros(dtype, Shape.vector(out));
        Tensor small = ops.zeros(dtype, Shape.matrix(batch, batch));
        return () -> {
            ops.linear(x, w, bias, y);
            ops.activation(Activation.RELU, y, h);
            ops.binary(BinaryOp.SUB, h, y, dy);
            ops.dot(dy, dy);
            ops.scale(0.5, dy, dy);
            ops.activationBackward(Activation.RELU, y, h, dy, dy);
            ops.gemm(1.0, dy, true, x, false, 0.0, dw);
            ops.gemm(1.0, dy, false, w, false, 0.0, dx);
            ops.gemm(1.0, x, false, x, true, 0.0, small);
            ops.columnSums(dy, 0.0, db);
            ops.copy(moment, update);
            ops.addcmul(0.1, dw, dw, update, scratch);
            ops.unary(UnaryOp.SQRT, update, update);
            ops.addScalar(update, 1e-8, update);
            ops.binary(BinaryOp.DIV, dw, update, update);
            ops.axpby(-1e-3, w, 0.9, update);
            ops.activation(Activation.SIGMOID, y, h);
            ops.activationBackward(Activation.SIGMOID, y, h, dy, dy);
            ops.activation(Activation.TANH, y, h);
            ops.sum(h);
        };
    }

    private Tensor filled(TensorOps ops, Shape shape, double value) {
        Tensor t = ops.zeros(dtype, shape);
        ops.fill(t, value);
        return t;
    }
}
