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
public abstract class ActivationLayer implements Layer {
    private final Backend backend;
    private final Activation function;
    private final double negativeSlope;
    private final int width;
    private final BatchBuffer output;
    private final BatchBuffer inputGrad;
    private Tensor lastInput;
    private Tensor lastOutput;

    protected ActivationLayer(Backend backend, DType dtype, int width, Activation function, double negativeSlope) {
        new LayerSpec.Act(function, negativeSlope); // checks the slope
        this.backend = backend;
        this.function = function;
        this.negativeSlope = negativeSlope;
        this.width = width;
        this.output = new BatchBuffer(backend, dtype, width);
        this.inputGrad = new BatchBuffer(backend, dtype, width);
    }

    /** The layer for {@code spec}, on {@code width} features. */
    public static ActivationLayer of(Backend backend, DType dtype, int width, LayerSpec.Act spec) {
        return switch (spec.function()) {
            case IDENTITY -> new Identity(backend, dtype, width);
            case RELU -> new ReLU(backend, dtype, width);
            case LEAKY_RELU -> new LeakyReLU(backend, dtype, width, spec.negativeSlope());
            case SIGMOID -> new Sigmoid(backend, dtype, width);
            case TANH -> new Tanh(backend, dtype, width);
        };
    }

    public Activation function() {
        return function;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix() || x.shape().cols() != width) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input is " + x.shape()
                    + "; expected [batch, " + width + "]");
        }
        Tensor y = output.get(x.shape().rows());
        backend.activation(function, negativeSlope, x, y);
        lastInput = x;
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (lastInput == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": backward called before forward");
        }
        Tensor dx = inputGrad.get(dy.shape().rows());
        backend.activationBackward(function, negativeSlope, lastInput, lastOutput, dy, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Act(function, negativeSlope);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (function == Activation.LEAKY_RELU ? "(negative_slope=" + negativeSlope + ")" : "()");
    }
}
