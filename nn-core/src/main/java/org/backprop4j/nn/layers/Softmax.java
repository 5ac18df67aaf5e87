package org.backprop4j.nn.layers;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Parameter;
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
public final class Softmax implements Layer {
    private final Backend backend;
    private final ReusableTensor output;
    private final ReusableTensor inputGrad;
    private final ReusableTensor rowValues;
    private Tensor lastOutput;

    public Softmax(Backend backend) {
        this.backend = backend;
        this.output = new ReusableTensor(backend);
        this.inputGrad = new ReusableTensor(backend);
        this.rowValues = new ReusableTensor(backend);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix()) {
            throw new IllegalArgumentException("Softmax: input is " + x.shape() + "; expected [batch, width]");
        }
        Tensor y = output.like(x);
        Tensor row = rowValues.perRow(x);
        backend.rowReduce(ReduceOp.MAX, x, row);
        backend.rowBroadcast(BinaryOp.SUB, x, row, y);
        backend.unary(UnaryOp.EXP, y, y);
        backend.rowReduce(ReduceOp.SUM, y, row);
        backend.rowBroadcast(BinaryOp.DIV, y, row, y);
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (lastOutput == null) {
            throw new IllegalStateException("Softmax: backward called before forward");
        }
        Tensor dx = inputGrad.like(dy);
        Tensor row = rowValues.perRow(dy);
        backend.binary(BinaryOp.MUL, dy, lastOutput, dx);
        backend.rowReduce(ReduceOp.SUM, dx, row);        // sum_k dy_ik y_ik
        backend.rowBroadcast(BinaryOp.SUB, dy, row, dx);
        backend.binary(BinaryOp.MUL, dx, lastOutput, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
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
