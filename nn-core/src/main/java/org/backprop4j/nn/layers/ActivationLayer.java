package org.backprop4j.nn.layers;

import java.util.List;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.BatchBuffer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Parameter;

/**
 * An elementwise activation: forward {@code y = f(x)}, backward {@code dx = dy * f'(x)}, with
 * the rules and kink conventions of {@link Activation}. No parameters. Width is fixed at
 * construction so buffers can be reused.
 */
public final class ActivationLayer implements Layer {
    private final Backend backend;
    private final Activation function;
    private final int width;
    private final BatchBuffer output;
    private final BatchBuffer inputGrad;
    private Tensor lastInput;
    private Tensor lastOutput;

    public ActivationLayer(Backend backend, DType dtype, int width, Activation function) {
        this.backend = backend;
        this.function = java.util.Objects.requireNonNull(function, "function");
        this.width = width;
        this.output = new BatchBuffer(backend, dtype, width);
        this.inputGrad = new BatchBuffer(backend, dtype, width);
    }

    /** The layer for {@code spec}, on {@code width} features. */
    public static ActivationLayer of(Backend backend, DType dtype, int width, LayerSpec.Act spec) {
        return new ActivationLayer(backend, dtype, width, spec.function());
    }

    public Activation function() {
        return function;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix() || x.shape().cols() != width) {
            throw new IllegalArgumentException("Activation(" + function + "): input is " + x.shape()
                    + "; expected [batch, " + width + "]");
        }
        Tensor y = output.get(x.shape().rows());
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
        Tensor dx = inputGrad.get(dy.shape().rows());
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
