package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * The op contract's check of the thread-safety clause of {@link org.backprop4j.api.spi.TensorOps}:
 * calls from several threads at once are safe when no tensor one call writes is used by another,
 * and tensors they all only read may be shared. {@value #THREADS} threads each run
 * {@value #ROUNDS} times the ops of a training step (the three products, large enough for a
 * backend to split them over its own threads, a bias, GELU forward and backward, a softmax from
 * the row ops, an update and the reductions) on their own tensors, all reading one weight matrix
 * and one bias; every result must be what the same thread's data gave when run alone, before.
 */
final class ConcurrencyCheck {
    static final int THREADS = 4;
    static final int ROUNDS = 3;
    /** Batch, and width of the square weight: 64 x 128 x 128 = 2^20 multiply-adds per product. */
    private static final int BATCH = 64;
    private static final int WIDTH = 128;

    private ConcurrencyCheck() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            checks.add(new OpCheck(name("concurrent calls", dtype, THREADS + " threads x " + ROUNDS
                    + " rounds of gemm, addRowVector, GELU, rowReduce, rowBroadcast, EXP, columnSums, binary, axpby, sum, dot"
                    + " on [" + BATCH + ", " + WIDTH + "], own outputs, shared weights"), "concurrent calls", dtype,
                    ConcurrencyCheck::run));
        }
    }

    /** One thread's tensors: its inputs, and the outputs of a step. */
    private static final class Step {
        final Tensor x;
        final Tensor dy;
        final Tensor y;
        final Tensor h;
        final Tensor dh;
        final Tensor dx;
        final Tensor dw;
        final Tensor db;
        final Tensor rows;
        final Tensor acc;
        double sum;
        double dot;

        Step(Backend b, DType dtype, long seed) {
            x = b.fromArray(dtype, Shape.matrix(BATCH, WIDTH), OpData.random(seed, BATCH * WIDTH, dtype));
            dy = b.fromArray(dtype, Shape.matrix(BATCH, WIDTH), OpData.random(seed + 1, BATCH * WIDTH, dtype));
            y = b.zeros(dtype, Shape.matrix(BATCH, WIDTH));
            h = b.zeros(dtype, Shape.matrix(BATCH, WIDTH));
            dh = b.zeros(dtype, Shape.matrix(BATCH, WIDTH));
            dx = b.zeros(dtype, Shape.matrix(BATCH, WIDTH));
            dw = b.zeros(dtype, Shape.matrix(WIDTH, WIDTH));
            db = b.zeros(dtype, Shape.vector(WIDTH));
            rows = b.zeros(dtype, Shape.vector(BATCH));
            acc = b.zeros(dtype, Shape.matrix(BATCH, WIDTH));
        }

        /** A training step's ops; {@code w} and {@code bias} are only read. */
        void run(Backend b, Tensor w, Tensor bias) {
            b.gemm(1.0, x, false, w, true, 0.0, y);
            b.addRowVector(y, bias, y);
            b.activation(Activation.GELU, y, h);
            b.activationBackward(Activation.GELU, y, h, dy, dh);
            b.gemm(1.0, dh, false, w, false, 0.0, dx);
            b.gemm(1.0, dh, true, x, false, 0.0, dw);
            b.columnSums(dh, 0.0, db);
            b.rowReduce(ReduceOp.MAX, h, rows);
            b.rowBroadcast(BinaryOp.SUB, h, rows, h);
            b.unary(UnaryOp.EXP, h, h);
            b.rowReduce(ReduceOp.SUM, h, rows);
            b.rowBroadcast(BinaryOp.DIV, h, rows, h);
            b.binary(BinaryOp.MUL, dx, x, dx);
            b.fill(acc, 0.0);
            b.axpby(0.5, dx, 0.9, acc);
            sum = b.sum(acc);
            dot = b.dot(x, dx);
        }

        List<Tensor> outputs() {
            return List.of(y, h, dh, dx, dw, db, acc);
        }
    }

    private static final List<String> OUTPUTS = List.of("y", "softmax(h)", "dh", "dx", "dw", "db", "acc");

    private static void run(OpCheckContext c) {
        Backend b = c.backend();
        DType dtype = c.dtype();
        Tensor w = b.fromArray(dtype, Shape.matrix(WIDTH, WIDTH), OpData.random(60, WIDTH * WIDTH, dtype));
        Tensor bias = b.fromArray(dtype, Shape.vector(WIDTH), OpData.random(61, WIDTH, dtype));
        List<Step> steps = new ArrayList<>();
        List<List<double[]>> alone = new ArrayList<>();
        List<double[]> aloneScalars = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Step step = new Step(b, dtype, 100L * t);
            step.run(b, w, bias);
            alone.add(read(b, step));
            aloneScalars.add(new double[] {step.sum, step.dot});
            steps.add(step);
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<List<double[]>>>> futures = new ArrayList<>();
        try {
            for (Step step : steps) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<List<double[]>> rounds = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) {
                        step.run(b, w, bias);
                        List<double[]> values = read(b, step);
                        values.add(new double[] {step.sum, step.dot});
                        rounds.add(values);
                    }
                    return rounds;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<List<double[]>> rounds = result(c, futures.get(t), t);
                if (rounds == null) {
                    continue;
                }
                List<double[]> expected = alone.get(t);
                for (int r = 0; r < ROUNDS; r++) {
                    List<double[]> got = rounds.get(r);
                    for (int q = 0; q < OUTPUTS.size(); q++) {
                        compare(c, "thread " + t + " round " + r + " " + OUTPUTS.get(q),
                                steps.get(t).outputs().get(q).shape(), expected.get(q), got.get(q));
                    }
                    compare(c, "thread " + t + " round " + r + " sum, dot", Shape.vector(2), aloneScalars.get(t),
                            got.get(OUTPUTS.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<double[]> read(Backend b, Step step) {
        List<double[]> values = new ArrayList<>();
        for (Tensor t : step.outputs()) {
            values.add(b.toDoubleArray(t));
        }
        return values;
    }

    private static List<List<double[]>> result(OpCheckContext c, Future<List<List<double[]>>> future, int thread) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            c.holds("thread " + thread, false, "threw " + e.getCause());
        } catch (TimeoutException e) {
            c.holds("thread " + thread, false, "did not finish its rounds within 5 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.holds("thread " + thread, false, "interrupted while waiting");
        }
        return null;
    }

    /**
     * Within {@code 4 (n + 2)} units of roundoff of the largest element, {@code n} the width: as
     * close as a product of that inner dimension must come, whatever order a backend sums in
     * while its threads are busy (a race gives values that are not close at all).
     */
    private static void compare(OpCheckContext c, String quantity, Shape shape, double[] expected, double[] actual) {
        double largest = 0;
        for (double v : expected) {
            largest = Math.max(largest, Math.abs(v));
        }
        double[] scale = OpData.filled(expected.length, largest);
        c.close(quantity, shape, 4.0 * (WIDTH + 2), expected, actual, scale);
    }
}
