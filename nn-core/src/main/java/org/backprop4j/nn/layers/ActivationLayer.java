package org.backprop4j.nn.layers;

import java.util.Objects;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LayerSpec;

/**
 * An elementwise activation: forward {@code y = f(x)}, backward {@code dx = dy * f'(x)}, with
 * the rules and kink conventions of {@link Activation}. No parameters; any width (buffers follow
 * the input's shape).
 */
public final class ActivationLayer extends ElementShapedLayer {
    private final Activation function;

    public ActivationLayer(Backend backend, Activation function) {
        super(backend);
        this.function = Objects.requireNonNull(function, "function");
    }

    public Activation function() {
        return function;
    }

    @Override
    String label() {
        return toString();
    }

    @Override
    void forward(Tensor x, Tensor y) {
        backend.activation(function, x, y);
    }

    @Override
    void backward(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        backend.activationBackward(function, x, y, dy, dx);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.ActivationLayer(function);
    }

    @Override
    public String toString() {
        return "Activation(" + function + ")";
    }
}
