package org.backprop4j.nn.layers;

import java.util.List;
import java.util.Objects;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.ReusableTensor;

/**
 * An elementwise activation: forward {@code y = f(x)}, backward {@code dx = dy * f'(x)}, with
 * the rules and kink conventions of {@link Activation}. No parameters; any width (buffers follow
 * the input's shape).
 */
public final class ActivationLayer implements Layer {
    private final Backend backend;
    private final Activation function;
    private final ReusableTensor output;
    private final ReusableTensor inputGrad;
    private Tensor lastInput;
    private Tensor lastOutput;

    public ActivationLayer(Backend backend, Activation function) {
        this.backend = backend;
        this.function = Objects.requireNonNull(function, "function");
        this.output = new ReusableTensor(backend);
        this.inputGrad = new ReusableTensor(backend);
    }

    public Activation function() {
        return function;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix()) {
            throw new IllegalArgumentException("Activation(" + function + "): input is " + x.shape()
                    + "; expected [batch, width]");
        }
        Tensor y = output.like(x);
        backend.activation(function, x, y);
        lastInput = x;
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (lastInput == null) {
            throw new IllegalStateException("Activation(" + function + "): backward called before forward");
        }
        Tensor dx = inputGrad.like(dy);
        backend.activationBackward(function, lastInput, lastOutput, dy, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Act(function);
    }

    @Override
    public String toString() {
        return "Activation(" + function + ")";
    }
}
