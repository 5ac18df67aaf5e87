package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * The op contract's check that a float32 backend stores float32 values: every op's result, on
 * operands that are not exact in any short format (so a backend that keeps doubles, or rounds to
 * another precision, shows). Every other check also tests each float32 tensor it reads; this one
 * runs every op once, so none is missed.
 */
final class Float32Check {
    private Float32Check() {
    }

    static void addTo(List<OpCheck> checks) {
        checks.add(new OpCheck(name("every op", DType.FLOAT32, "[5, 3] stores float32 values"), "every op", DType.FLOAT32,
                Float32Check::run));
    }

    private static void run(OpCheckContext c) {
        Backend b = c.backend();
        Shape shape = Shape.matrix(5, 3);
        Tensor a = c.tensor(shape, OpData.wide(23, shape.size(), DType.FLOAT32));
        Tensor p = c.tensor(shape, OpData.positive(24, shape.size(), DType.FLOAT32));
        Tensor out = c.zeros(shape);
        Tensor scratch = c.zeros(shape);
        Tensor v = c.tensor(Shape.vector(3), 0.1, 0.2, 0.3);
        Tensor rows = c.tensor(Shape.vector(5), 0.7, 1.1, 1.3, 1.7, 1.9);
        Tensor product = c.zeros(Shape.matrix(5, 5));
        Tensor w = c.tensor(Shape.matrix(4, 3), OpData.random(25, 12, DType.FLOAT32));
        Tensor lin = c.zeros(Shape.matrix(5, 4));
        Tensor linBias = c.tensor(Shape.vector(4), 0.1, -0.2, 0.3, -0.4);
        Tensor sums = c.zeros(Shape.vector(3));
        Tensor reduced = c.zeros(Shape.vector(5));
        b.gemm(0.1, a, false, p, true, 0.3, product);
        c.read("gemm", product);
        b.linear(a, w, linBias, lin);
        c.read("linear", lin);
        b.addRowVector(a, v, out);
        c.read("addRowVector", out);
        b.columnSums(a, 0.3, sums);
        c.read("columnSums", sums);
        for (ReduceOp op : ReduceOp.values()) {
            b.rowReduce(op, a, reduced);
            c.read("rowReduce(" + op + ")", reduced);
        }
        for (BinaryOp op : BinaryOp.values()) {
            b.binary(op, a, p, out);
            c.read("binary(" + op + ")", out);
            b.rowBroadcast(op, a, rows, out);
            c.read("rowBroadcast(" + op + ")", out);
        }
        for (UnaryOp op : UnaryOp.values()) {
            b.unary(op, p, out);
            c.read("unary(" + op + ")", out);
        }
        for (Activation f : ActivationChecks.ACTIVATIONS) {
            b.activation(f, a, out);
            c.read("activation(" + f + ")", out);
            b.activationBackward(f, a, out, p, scratch);
            c.read("activationBackward(" + f + ")", scratch);
        }
        b.axpby(0.1, a, 0.7, out);
        c.read("axpby", out);
        b.scale(0.1, a, out);
        c.read("scale", out);
        b.addScalar(a, 0.1, out);
        c.read("addScalar", out);
        b.addcdiv(0.1, a, p, out, scratch);
        c.read("addcdiv", out);
        b.fill(out, 0.1);
        c.read("fill", out);
        c.holds("every result read", true, null);
    }
}
