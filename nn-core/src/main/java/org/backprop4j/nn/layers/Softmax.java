package org.backprop4j.nn.layers;

import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.ReusableTensor;

/**
 * Softmax over each row, as {@code torch.nn.Softmax(dim=1)}, from the backend's row ops:
 * <pre>
 *   forward:  m_i = max_j x_ij,  e_ij = exp(x_ij - m_i),  y_ij = e_ij / sum_j e_ij
 *   backward: dx_ij = y_ij (dy_ij - sum_k dy_ik y_ik)
 * </pre>
 * Subtracting the row maximum keeps {@code exp} from overflowing, so any finite logits work. A
 * row holding NaN or {@code +Infinity}, or made only of {@code -Infinity}, gives a row of NaN, as
 * PyTorch. No parameters; any width.
 */
public final class Softmax extends ElementShapedLayer {
    private final ReusableTensor rowValues;

    public Softmax(Backend backend) {
        super(backend);
        this.rowValues = new ReusableTensor(backend);
    }

    @Override
    String label() {
        return "Softmax";
    }

    @Override
    void forward(Tensor x, Tensor y) {
        Tensor row = rowValues.perRow(x);
        backend.rowReduce(ReduceOp.MAX, x, row);
        backend.rowBroadcast(BinaryOp.SUB, x, row, y);
        backend.unary(UnaryOp.EXP, y, y);
        backend.rowReduce(ReduceOp.SUM, y, row);
        backend.rowBroadcast(BinaryOp.DIV, y, row, y);
    }

    @Override
    void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor row = rowValues.perRow(dy);
        backend.binary(BinaryOp.MUL, dy, y, dx);
        backend.rowReduce(ReduceOp.SUM, dx, row);        // sum_k dy_ik y_ik
        backend.rowBroadcast(BinaryOp.SUB, dy, row, dx);
        backend.binary(BinaryOp.MUL, dx, y, dx);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Softmax();
    }

    @Override
    public String toString() {
        return "Softmax(dim=1)";
    }
}
