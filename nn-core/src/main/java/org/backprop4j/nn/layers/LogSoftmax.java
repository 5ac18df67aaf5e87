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
 * Log-softmax over each row, as {@code torch.nn.LogSoftmax(dim=1)}, through the log-sum-exp:
 * <pre>
 *   forward:  m_i = max_j x_ij,  y_ij = (x_ij - m_i) - log sum_j exp(x_ij - m_i)
 *   backward: dx_ij = dy_ij - exp(y_ij) sum_k dy_ik
 * </pre>
 * so logits of any finite size give finite log-probabilities (±1e4 in float32 included). A row
 * holding NaN or {@code +Infinity}, or made only of {@code -Infinity}, gives a row of NaN, as
 * PyTorch. No parameters; any width.
 */
public final class LogSoftmax implements Layer {
    private final Backend backend;
    private final ReusableTensor output;
    private final ReusableTensor inputGrad;
    private final ReusableTensor rowValues;
    private Tensor lastOutput;

    public LogSoftmax(Backend backend) {
        this.backend = backend;
        this.output = new ReusableTensor(backend);
        this.inputGrad = new ReusableTensor(backend);
        this.rowValues = new ReusableTensor(backend);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix()) {
            throw new IllegalArgumentException("LogSoftmax: input is " + x.shape() + "; expected [batch, width]");
        }
        Tensor y = output.like(x);
        Tensor exps = inputGrad.like(x); // scratch until backward
        Tensor row = rowValues.perRow(x);
        backend.rowReduce(ReduceOp.MAX, x, row);
        backend.rowBroadcast(BinaryOp.SUB, x, row, y);
        backend.unary(UnaryOp.EXP, y, exps);
        backend.rowReduce(ReduceOp.SUM, exps, row);
        backend.unary(UnaryOp.LOG, row, row);
        backend.rowBroadcast(BinaryOp.SUB, y, row, y);
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (lastOutput == null) {
            throw new IllegalStateException("LogSoftmax: backward called before forward");
        }
        Tensor dx = inputGrad.like(dy);
        Tensor row = rowValues.perRow(dy);
        backend.rowReduce(ReduceOp.SUM, dy, row);
        backend.unary(UnaryOp.EXP, lastOutput, dx);
        backend.rowBroadcast(BinaryOp.MUL, dx, row, dx);
        backend.binary(BinaryOp.SUB, dy, dx, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
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
