package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * An exception a backend throws from an op reaches the caller naming the op and the backend,
 * with the backend's exception as its cause; the facade's own argument errors are not wrapped.
 */
class BackendExceptionTest {
    private final StubOps ops = new StubOps();
    private final Backend b = new Backend("foo", "1", Set.of(DType.values()), ops);
    private final DType f32 = DType.FLOAT32;
    private final Tensor m = b.zeros(f32, Shape.matrix(3, 3));
    private final Tensor n = b.zeros(f32, Shape.matrix(3, 3));
    private final Tensor v = b.zeros(f32, Shape.vector(3));
    private final Tensor s = b.zeros(f32, Shape.matrix(3, 3));

    /** Every op of the facade that reaches the backend, by the name its exception must start with. */
    private Map<String, ThrowingCallable> everyOp() {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("copyIn", () -> b.copyIn(new double[9], m));
        calls.put("copyOut", () -> b.copyOut(m, new float[9]));
        calls.put("toDoubleArray", () -> b.toDoubleArray(m));
        calls.put("gemm", () -> b.gemm(2.0, m, true, n, false, 0.5, s));
        calls.put("addRowVector", () -> b.addRowVector(m, v, m));
        calls.put("columnSums", () -> b.columnSums(m, 1.0, v));
        calls.put("rowReduce(MAX)", () -> b.rowReduce(ReduceOp.MAX, m, v));
        calls.put("rowBroadcast(SUB)", () -> b.rowBroadcast(BinaryOp.SUB, m, v, m));
        calls.put("linear", () -> b.linear(m, n, v, s));
        calls.put("binary(MIN)", () -> b.binary(BinaryOp.MIN, m, n, s));
        calls.put("unary(EXP)", () -> b.unary(UnaryOp.EXP, m, m));
        calls.put("activation(gelu)", () -> b.activation(Activation.GELU, m, n));
        calls.put("activationBackward(silu)", () -> b.activationBackward(Activation.SILU, m, n, s, s));
        calls.put("axpby", () -> b.axpby(0.5, m, 1.0, n));
        calls.put("scale", () -> b.scale(0.5, m, n));
        calls.put("copy", () -> b.copy(m, n));
        calls.put("addScalar", () -> b.addScalar(m, 1.0, n));
        calls.put("addcdiv", () -> b.addcdiv(0.5, m, n, n, s));
        calls.put("fill", () -> b.fill(m, 0.0));
        calls.put("sum", () -> b.sum(m));
        calls.put("dot", () -> b.dot(m, n));
        calls.put("fromArray", () -> b.fromArray(f32, Shape.vector(2), 1.0, 2.0)); // reported as copyIn
        return calls;
    }

    @Test
    void anExceptionFromAnOpNamesTheOpAndTheBackendAndKeepsTheCause() {
        ArrayIndexOutOfBoundsException bug = new ArrayIndexOutOfBoundsException("Index 12 out of bounds for length 12");
        ops.failure = bug;
        Map<String, String> reportedAs = Map.of("fromArray", "copyIn");
        everyOp().forEach((op, call) -> {
            Throwable thrown = catchThrowable(call);
            assertThat(thrown).as(op).isInstanceOf(IllegalStateException.class)
                    .hasMessage(reportedAs.getOrDefault(op, op) + ": backend 'foo' threw "
                            + "java.lang.ArrayIndexOutOfBoundsException: Index 12 out of bounds for length 12")
                    .hasCause(bug);
        });
    }

    @Test
    void aThrowingZerosIsNamedToo() {
        Backend failing = new Backend("bar", "1", Set.of(DType.values()), new StubOps() {
            @Override
            public Tensor zeros(DType dtype, Shape shape) {
                throw new OutOfMemoryErrorLike("no native memory for " + shape);
            }
        });
        assertThat(catchThrowable(() -> failing.zeros(f32, Shape.vector(4))))
                .hasMessage("zeros: backend 'bar' threw " + OutOfMemoryErrorLike.class.getName()
                        + ": no native memory for [4]")
                .hasCauseInstanceOf(OutOfMemoryErrorLike.class);
    }

    /** The kind of RuntimeException a native library throws when its allocator fails. */
    private static final class OutOfMemoryErrorLike extends RuntimeException {
        OutOfMemoryErrorLike(String message) {
            super(message);
        }
    }

    @Test
    void aTransferNamesTheEndThatThrew() {
        StubOps other = new StubOps();
        Tensor foreign = new Backend("other", "1", Set.of(DType.values()), other).zeros(f32, Shape.vector(2));
        other.failure = new IllegalStateException("device lost");
        assertThat(catchThrowable(() -> b.transfer(foreign)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transfer: the backend of t float32 [2] (" + StubOps.class.getName()
                        + ") threw java.lang.IllegalStateException: device lost in copyOut");
        other.failure = null;
        ops.failure = new IllegalStateException("device lost");
        assertThat(catchThrowable(() -> b.transfer(foreign)))
                .hasMessage("copyIn: backend 'foo' threw java.lang.IllegalStateException: device lost");
    }

    @Test
    void argumentErrorsAndErrorsPassUnwrapped() {
        ops.failure = new IllegalArgumentException("never reached");
        assertThat(catchThrowable(() -> b.gemm(1, m, false, b.zeros(f32, Shape.matrix(2, 3)), false, 0, s)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gemm: inner dimensions differ");
        Backend erring = new Backend("baz", "1", Set.of(DType.values()), new StubOps() {
            @Override
            public double sum(Tensor a) {
                throw new StackOverflowError();
            }
        });
        Tensor t = erring.zeros(f32, Shape.vector(2));
        assertThat(catchThrowable(() -> erring.sum(t))).isInstanceOf(StackOverflowError.class);
    }
}
