package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The facade is on every op of every training step: once warm, its argument checks and the
 * {@code try} around each call into the backend allocate nothing. Measured with the JVM's
 * per-thread allocation counter around rounds of every op on an ops table that computes nothing
 * ({@link StubOps}), so every byte counted is the facade's.
 */
class BackendAllocationTest {
    private static final int ROUNDS = 20_000;
    private static final BinaryOp[] BINARY_OPS = BinaryOp.values();
    private static final UnaryOp[] UNARY_OPS = UnaryOp.values();
    private static final ReduceOp[] REDUCE_OPS = ReduceOp.values();
    private static final Activation[] ACTIVATIONS = {Activation.RELU, Activation.leakyRelu(0.2), Activation.GELU,
        Activation.SOFTPLUS};

    private final Backend b = new Backend("stub", "1", Set.of(DType.values()), new StubOps());
    private final Tensor x = b.zeros(DType.FLOAT32, Shape.matrix(8, 10));
    private final Tensor w = b.zeros(DType.FLOAT32, Shape.matrix(4, 10));
    private final Tensor bias = b.zeros(DType.FLOAT32, Shape.vector(4));
    private final Tensor rows = b.zeros(DType.FLOAT32, Shape.vector(8));
    private final Tensor y = b.zeros(DType.FLOAT32, Shape.matrix(8, 4));
    private final Tensor dy = b.zeros(DType.FLOAT32, Shape.matrix(8, 4));
    private final Tensor scratch = b.zeros(DType.FLOAT32, Shape.matrix(8, 4));
    private final Tensor work = b.zeros(DType.FLOAT32, Shape.matrix(8, 4));
    private final double[] doubles = new double[32];
    private final float[] floats = new float[32];
    private double sink;

    @Test
    void everyOpOfTheFacadeAllocatesNothingOnceWarm() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        for (int i = 0; i < ROUNDS; i++) { // let the JIT compile the checks
            round();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < ROUNDS; i++) {
            round();
        }
        long perRound = (threads.getThreadAllocatedBytes(threadId) - before) / ROUNDS;
        // a round makes about 40 calls: one object in any of them would show as 16 bytes or more
        assertThat(perRound).as("bytes allocated per round of every op").isLessThan(16);
        assertThat(sink).isZero();
    }

    private void round() {
        b.gemm(1.0, x, false, w, true, 0.0, y);
        b.gemm(1.0, dy, true, x, false, 1.0, w);
        b.linear(x, w, bias, y);
        b.addRowVector(y, bias, y);
        b.columnSums(dy, 1.0, bias);
        for (ReduceOp op : REDUCE_OPS) {
            b.rowReduce(op, y, rows);
        }
        for (BinaryOp op : BINARY_OPS) {
            b.binary(op, y, dy, scratch);
            b.rowBroadcast(op, y, rows, y);
        }
        for (UnaryOp op : UNARY_OPS) {
            b.unary(op, dy, scratch);
        }
        for (Activation f : ACTIVATIONS) {
            b.activation(f, y, scratch);
            b.activationBackward(f, y, scratch, dy, scratch);
        }
        b.axpby(0.5, dy, 0.9, scratch);
        b.scale(0.5, dy, scratch);
        b.copy(dy, scratch);
        b.addScalar(scratch, 1.0, scratch);
        b.addcdiv(0.5, y, dy, scratch, work);
        b.fill(w, 0.0);
        b.copyIn(doubles, y);
        b.copyOut(y, floats);
        sink += b.sum(y) + b.dot(y, dy);
    }
}
