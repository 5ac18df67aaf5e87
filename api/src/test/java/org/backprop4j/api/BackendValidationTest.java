package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.backprop4j.api.spi.TensorOps;
import org.junit.jupiter.api.Test;

/**
 * The facade checks every argument before a backend sees it: bad input never reaches the ops
 * table, and the message names the op, what was found and what was expected.
 */
class BackendValidationTest {

    private record StubTensor(Shape shape, DType dtype, TensorOps owner) implements Tensor {
    }

    /** Ops that make stub tensors and record every other call; nothing is computed. */
    private static final class Recorder {
        final List<String> calls = new ArrayList<>();
        final TensorOps ops = (TensorOps) Proxy.newProxyInstance(TensorOps.class.getClassLoader(),
                new Class<?>[] {TensorOps.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "zeros":
                            return new StubTensor((Shape) args[1], (DType) args[0], (TensorOps) proxy);
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "recorder";
                        default:
                            calls.add(method.getName());
                            return method.getReturnType() == double.class ? 0.0 : null;
                    }
                });
        final Backend backend = new Backend("rec", "1", Set.of(DType.values()), ops);
    }

    private final Recorder rec = new Recorder();
    private final Backend b = rec.backend;
    private final DType f32 = DType.FLOAT32;

    private Tensor m(int rows, int cols) {
        return b.zeros(f32, Shape.matrix(rows, cols));
    }

    @Test
    void gemmRejectsMismatchedInnerDimensions() {
        assertThatThrownBy(() -> b.gemm(1, m(8, 10), false, m(2, 10), false, 0, m(8, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: inner dimensions differ: op(a) is [8, 10] (a [8, 10]), op(b) is [2, 10] (b [2, 10]);"
                        + " expected op(a) columns == op(b) rows");
        assertThat(rec.calls).isEmpty();
    }

    @Test
    void gemmAcceptsTransposeFlagsAndChecksTheOutput() {
        b.gemm(1, m(8, 10), false, m(2, 10), true, 0, m(8, 2));
        b.gemm(1, m(8, 2), true, m(8, 10), false, 1, m(2, 10));
        assertThat(rec.calls).containsExactly("gemm", "gemm");
        assertThatThrownBy(() -> b.gemm(1, m(8, 10), false, m(2, 10), true, 0, m(2, 8)))
                .hasMessage("gemm: c is [2, 8]; expected [8, 2] for op(a) [8, 10] times op(b) [10, 2]");
    }

    @Test
    void gemmRejectsAnOutputThatIsAnInput() {
        Tensor a = m(3, 3);
        assertThatThrownBy(() -> b.gemm(1, a, false, m(3, 3), false, 0, a))
                .hasMessage("gemm: c is the same tensor as a; expected a distinct output tensor");
    }

    @Test
    void mixedDTypesAreRejected() {
        Tensor a = m(2, 2);
        Tensor d = b.zeros(DType.FLOAT64, Shape.matrix(2, 2));
        assertThatThrownBy(() -> b.binary(BinaryOp.ADD, a, d, a))
                .hasMessage("binary(ADD): operands have mixed dtypes (float32, float64, float32); expected one dtype for all");
        assertThat(rec.calls).isEmpty();
    }

    @Test
    void tensorsOfAnotherBackendAreRejected() {
        Tensor foreign = new Recorder().backend.zeros(f32, Shape.matrix(2, 2));
        assertThatThrownBy(() -> b.axpby(1, foreign, 1, m(2, 2)))
                .hasMessageStartingWith("axpby: x float32 [2, 2] belongs to another backend")
                .hasMessageEndingWith("not 'rec'; copy it over with Backend.transfer");
    }

    @Test
    void elementwiseShapesMustMatch() {
        assertThatThrownBy(() -> b.binary(BinaryOp.MUL, m(2, 3), m(3, 2), m(2, 3)))
                .hasMessage("binary(MUL): b is [3, 2]; expected [2, 3], the shape of a");
        assertThatThrownBy(() -> b.activationBackward(Activation.RELU, m(2, 3), m(2, 3), m(2, 3), m(1, 3)))
                .hasMessage("activationBackward(relu): dx is [1, 3]; expected [2, 3], the shape of x");
    }

    @Test
    void rowVectorAndColumnSumsNeedAVectorOfTheColumnCount() {
        assertThatThrownBy(() -> b.addRowVector(m(4, 3), b.zeros(f32, Shape.vector(4)), m(4, 3)))
                .hasMessage("addRowVector: v is [4]; expected [3], one element per column of a [4, 3]");
        assertThatThrownBy(() -> b.columnSums(m(4, 3), 0, m(1, 3)))
                .hasMessage("columnSums: out is [1, 3]; expected [3], one element per column of a [4, 3]");
    }

    @Test
    void linearChecksWeightAndBias() {
        assertThatThrownBy(() -> b.linear(m(8, 10), m(2, 9), null, m(8, 2)))
                .hasMessage("linear: w is [2, 9] and x is [8, 10]; expected w [out, 10], as many inputs as x has columns");
        assertThatThrownBy(() -> b.linear(m(8, 10), m(2, 10), b.zeros(f32, Shape.vector(3)), m(8, 2)))
                .hasMessage("linear: b is [3]; expected [2], one element per output of w [2, 10]");
        b.linear(m(8, 10), m(2, 10), b.zeros(f32, Shape.vector(2)), m(8, 2));
        assertThat(rec.calls).containsExactly("linear");
    }

    @Test
    void arraysMustHoldExactlyTheElements() {
        assertThatThrownBy(() -> b.copyIn(new double[5], m(2, 3)))
                .hasMessage("copyIn: array has 5 elements; expected 6 for shape [2, 3]");
        assertThatThrownBy(() -> b.copyOut(m(2, 3), new float[7]))
                .hasMessage("copyOut: array has 7 elements; expected 6 for shape [2, 3]");
    }

    @Test
    void aBackendMustMakeWhatWasAskedFor() {
        Backend onlyDouble = new Backend("d", "1", Set.of(DType.FLOAT64), rec.ops);
        assertThatThrownBy(() -> onlyDouble.zeros(f32, Shape.vector(2)))
                .hasMessage("zeros: backend 'd' does not support dtype float32; it supports [float64]");
    }

    @Test
    void nullTensorsAreNamed() {
        assertThatThrownBy(() -> b.fill(null, 0)).isInstanceOf(NullPointerException.class).hasMessage("fill: t is null");
    }
}
