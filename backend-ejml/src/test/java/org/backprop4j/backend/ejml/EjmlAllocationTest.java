package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once warm, no op of the backend allocates on the Java heap (below the size at which EJML's
 * concurrent products make their fork-join tasks): choosing a kernel is a method reference or a
 * lambda that captures nothing, and every kernel works on the tensors' arrays. Measured in bytes
 * with the JVM's per-thread allocation counter, not in time.
 */
class EjmlAllocationTest {
    private static final int ROUNDS = 2_000;
    // copies made once: values() makes a new array on every call
    private static final Activation[] ACTIVATIONS = {Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2),
        Activation.SIGMOID, Activation.TANH, Activation.GELU, Activation.GELU_TANH, Activation.SILU, Activation.elu(0.5),
        Activation.softplus(2, 5)};
    private static final BinaryOp[] BINARY_OPS = BinaryOp.values();
    private static final UnaryOp[] UNARY_OPS = UnaryOp.values();
    private static final ReduceOp[] REDUCE_OPS = ReduceOp.values();

    private final Backend backend = Backend.wrap(new EjmlBackendProvider());
    /** The reductions' results, kept so that no call can be optimised away. */
    private double sink;

    @ParameterizedTest(name = "every op allocates nothing once warm ({0})")
    @EnumSource(DType.class)
    void everyOpAllocatesNothingOnceWarm(DType dtype) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        Tensors t = new Tensors(dtype);
        for (int i = 0; i < 20_000; i++) { // let the JIT compile the ops
            round(t);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < ROUNDS; i++) {
            round(t);
        }
        long perRound = (threads.getThreadAllocatedBytes(threadId) - before) / ROUNDS;
        // a round makes about 70 calls: one small object in any of them would show as 16 bytes or more
        assertThat(perRound).as("bytes allocated per round of every op").isLessThan(16);
        assertThat(sink).isNotNaN();
    }

    /** The operands of one round: an [8, 10] batch, a [4, 10] weight, a [4] bias, random values. */
    private final class Tensors {
        final Tensor x;
        final Tensor w;
        final Tensor bias;
        final Tensor y;
        final Tensor dy;
        final Tensor dw;
        final Tensor dx;
        final Tensor scratch;
        final Tensor rows;
        final Tensor positive;
        final double[] doubles = new double[32];
        final float[] floats = new float[32];

        Tensors(DType dtype) {
            Random random = new Random(42);
            x = random(dtype, Shape.matrix(8, 10), random);
            w = random(dtype, Shape.matrix(4, 10), random);
            bias = random(dtype, Shape.vector(4), random);
            y = backend.zeros(dtype, Shape.matrix(8, 4));
            dy = random(dtype, Shape.matrix(8, 4), random);
            dw = backend.zeros(dtype, Shape.matrix(4, 10));
            dx = backend.zeros(dtype, Shape.matrix(8, 10));
            scratch = backend.zeros(dtype, Shape.matrix(8, 4));
            rows = backend.zeros(dtype, Shape.vector(8));
            positive = backend.fromArray(dtype, Shape.matrix(8, 4), 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 0.5, 1, 1.5, 2, 2.5, 3,
                    3.5, 4, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4);
        }

        private Tensor random(DType dtype, Shape shape, Random random) {
            double[] values = new double[shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            return backend.fromArray(dtype, shape, values);
        }
    }

    private void round(Tensors t) {
        backend.gemm(1.0, t.x, false, t.w, true, 0.0, t.y);
        backend.gemm(1.0, t.dy, true, t.x, false, 1.0, t.dw);
        backend.gemm(1.0, t.dy, false, t.w, false, 0.0, t.dx);
        backend.gemm(0.0, t.dy, false, t.w, false, 0.5, t.dx);
        backend.addRowVector(t.y, t.bias, t.y);
        backend.columnSums(t.dy, 1.0, t.bias);
        for (ReduceOp op : REDUCE_OPS) {
            backend.rowReduce(op, t.y, t.rows);
        }
        for (Activation f : ACTIVATIONS) {
            backend.activation(f, t.y, t.scratch);
            backend.activationBackward(f, t.y, t.scratch, t.dy, t.scratch);
        }
        for (BinaryOp op : BINARY_OPS) {
            backend.binary(op, t.y, t.dy, t.scratch);
            backend.rowBroadcast(op, t.positive, t.rows, t.scratch);
            backend.rowBroadcast(op, t.scratch, t.rows, t.scratch);
        }
        for (UnaryOp op : UNARY_OPS) {
            backend.unary(op, t.positive, t.scratch);
        }
        backend.axpby(-1e-3, t.dw, 1.0, t.w);
        backend.axpby(0.5, t.dy, 0.9, t.scratch);
        backend.axpby(0.5, t.dy, 0.0, t.scratch);
        backend.axpby(0.0, t.dy, 0.5, t.scratch);
        backend.axpby(0.5, t.scratch, 0.5, t.scratch);
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
