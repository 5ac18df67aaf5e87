package org.backprop4j.nn;

import java.util.List;
import org.backprop4j.api.Tensor;

/**
 * A differentiable map from a {@code [batch, in]} tensor to a {@code [batch, out]} tensor.
 *
 * <p>Buffers: {@link #forward} and {@link #backward} return tensors the layer owns and
 * overwrites on the next call (sized to the batch; a new batch size re-allocates them), so a
 * training step allocates nothing once warmed up. Copy a result you want to keep. A layer
 * keeps a reference to the input of its last forward pass, which must stay unchanged until
 * {@link #backward} has run.
 */
public interface Layer {

    /** The output for input {@code x}; remembers what backward needs. */
    Tensor forward(Tensor x);

    /**
     * Given {@code dy = dLoss/dOutput} of the last forward pass, accumulates dLoss/dParameter
     * into every parameter's gradient and returns {@code dx = dLoss/dInput}.
     */
    Tensor backward(Tensor dy);

    /**
     * As {@link #backward}, for a layer whose input needs no gradient (the first layer of a
     * network being trained, as in PyTorch when the input does not require grad): accumulates
     * the parameters' gradients and may skip computing {@code dx}. The default computes it anyway.
     */
    default void backwardParametersOnly(Tensor dy) {
        backward(dy);
    }

    /** The trainable parameters, named by their PyTorch {@code state_dict} keys. Empty for activations. */
    List<Parameter> parameters();

    /** The file description of this layer (case and model files). */
    LayerSpec spec();

    /**
     * Switches between training ({@code true}) and evaluation, as PyTorch's {@code module.train()}
     * and {@code module.eval()}; only layers that behave differently (dropout) care, the default
     * does nothing. {@link Sequential#train()} and {@link Sequential#eval()} call it on every layer.
     */
    default void setTraining(boolean training) {
    }
}
