package org.backprop4j.nn.layers;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Log-softmax over each row, as {@code torch.nn.LogSoftmax(dim=1)}, through the log-sum-exp:
 * <pre>
 *   forward:  m_i = max_j x_ij,  y_ij = (x_ij - m_i) - log sum_j exp(x_ij - m_i)
 *   backward: dx_ij = dy_ij - exp(y_ij) sum_k dy_ik
 * </pre>
 * so logits of any finite size give finite log-probabilities (±1e4 in float32 included). A row
 * holding NaN or {@code +Infinity}, or made only of {@code -Infinity}, gives a row of NaN, as
 * PyTorch. No parameters; any width.
 */
public final class LogSoftmax extends ElementShapedLayer {
    private final ReusableTensor rowValues;

    public LogSoftmax(Backend backend) {
        super(backend);
        this.rowValues = new ReusableTensor(backend);
    }

    @Override
    String label() {
        return "LogSoftmax";
    }

    @Override
    void forward(Tensor x, Tensor y) {
        Tensor exps = inputGradBuffer(x); // scratch until backward
        Tensor row = rowValues.perRow(x);
        backend.rowReduce(ReduceOp.MAX, x, row);
        backend.rowBroadcast(BinaryOp.SUB, x, row, y);
        backend.unary(UnaryOp.EXP, y, exps);
        backend.rowReduce(ReduceOp.SUM, exps, row);
        backend.unary(UnaryOp.LOG, row, row);
        backend.rowBroadcast(BinaryOp.SUB, y, row, y);
    }

    @Override
    void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor row = rowValues.perRow(dy);
        backend.rowReduce(ReduceOp.SUM, dy, row);
        backend.unary(UnaryOp.EXP, y, dx);
        backend.rowBroadcast(BinaryOp.MUL, dx, row, dx);
        backend.binary(BinaryOp.SUB, dy, dx, dx);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.LogSoftmax();
    }

    @Override
    public String toString() {
        return "LogSoftmax(dim=1)";
    }
}
