package org.backprop4j.nn.layers;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.ReusableTensor;

/**
 * What every layer without parameters shares (activations, softmax, log-softmax, dropout): the
 * output and the input gradient have the input's shape and live in buffers that follow it; the
 * input must be a matrix {@code [batch, width]} of any width; backward needs a forward pass first.
 * A subclass writes only its two rules, {@link #forward(Tensor, Tensor)} and
 * {@link #backward(Tensor, Tensor, Tensor, Tensor)}.
 */
abstract class ElementShapedLayer implements Layer {
    protected final Backend backend;
    private final ReusableTensor output;
    private final ReusableTensor inputGrad;
    private Tensor lastInput;
    private Tensor lastOutput;

    ElementShapedLayer(Backend backend) {
        this.backend = backend;
        this.output = new ReusableTensor(backend);
        this.inputGrad = new ReusableTensor(backend);
    }

    /** The layer as error messages name it, e.g. {@code "Softmax"} or {@code "Dropout(p=0.5)"}. */
    abstract String label();

    /** Writes the output for {@code x} into {@code y} (same shape); {@code x} is not modified. */
    abstract void forward(Tensor x, Tensor y);

    /**
     * Writes {@code dx} for the last forward pass ({@code x} its input, {@code y} its output)
     * given {@code dy}; only {@code dx} is modified.
     */
    abstract void backward(Tensor x, Tensor y, Tensor dy, Tensor dx);

    /**
     * The buffer {@link #backward} writes {@code dx} into, sized like {@code x}: free to use as
     * scratch during {@link #forward(Tensor, Tensor)}, as backward overwrites it.
     */
    final Tensor inputGradBuffer(Tensor x) {
        return inputGrad.like(x);
    }

    @Override
    public final Tensor forward(Tensor x) {
        if (!x.shape().isMatrix()) {
            throw new IllegalArgumentException(label() + ": input is " + x.shape() + "; expected [batch, width]");
        }
        Tensor y = output.like(x);
        forward(x, y);
        lastInput = x;
        lastOutput = y;
        return y;
    }

    @Override
    public final Tensor backward(Tensor dy) {
        if (lastOutput == null) {
            throw new IllegalStateException(label() + ": backward called before forward");
        }
        Tensor dx = inputGrad.like(dy);
        backward(lastInput, lastOutput, dy, dx);
        return dx;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }
}
