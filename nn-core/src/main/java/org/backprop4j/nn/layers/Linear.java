package org.backprop4j.nn.layers;

import java.util.List;
import java.util.random.RandomGenerator;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.BatchBuffer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Parameter;

/**
 * A fully connected layer, as {@code torch.nn.Linear(in, out, bias)}: weight {@code W [out, in]},
 * bias {@code b [out]}.
 *
 * <ul>
 *   <li>forward: {@code y = x W^T + b}, {@code x [batch, in]}, {@code y [batch, out]};</li>
 *   <li>backward: {@code dW += dy^T x}, {@code db += sum over the batch of dy}, {@code dx = dy W}.</li>
 * </ul>
 * No transpose is materialised: the backend's {@code gemm} takes transpose flags.
 *
 * <p>Initialisation as PyTorch's {@code reset_parameters}: {@code kaiming_uniform_(a = sqrt(5))}
 * for the weight and {@code uniform(-1/sqrt(in), 1/sqrt(in))} for the bias, which both come to
 * uniform in {@code (-1/sqrt(in), 1/sqrt(in))}. The same generator state gives the same weights.
 */
public final class Linear implements Layer {
    private final Backend backend;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final BatchBuffer output;
    private final BatchBuffer inputGrad;
    private Tensor lastInput;

    /**
     * A layer with weights drawn from {@code rng} as described above.
     *
     * @param rng the generator, advanced by {@code out * in} (+ {@code out} with bias) draws
     */
    public Linear(Backend backend, DType dtype, int in, int out, boolean bias, RandomGenerator rng) {
        new LayerSpec.Linear(in, out, bias); // checks in and out
        this.backend = backend;
        this.in = in;
        this.out = out;
        this.weight = new Parameter("weight", backend.zeros(dtype, Shape.matrix(out, in)),
                backend.zeros(dtype, Shape.matrix(out, in)));
        this.bias = bias ? new Parameter("bias", backend.zeros(dtype, Shape.vector(out)),
                backend.zeros(dtype, Shape.vector(out))) : null;
        this.parameters = bias ? List.of(weight, this.bias) : List.of(weight);
        this.output = new BatchBuffer(backend, dtype, out);
        this.inputGrad = new BatchBuffer(backend, dtype, in);
        resetParameters(rng);
    }

    /** Redraws weight and bias uniformly in {@code (-1/sqrt(in), 1/sqrt(in))}, as PyTorch. */
    public void resetParameters(RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(in);
        backend.copyIn(uniform(rng, out * in, bound), weight.value());
        if (bias != null) {
            backend.copyIn(uniform(rng, out, bound), bias.value());
        }
    }

    private static double[] uniform(RandomGenerator rng, int n, double bound) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble(-bound, bound);
        }
        return values;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer made with {@code bias = false}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!x.shape().isMatrix() || x.shape().cols() != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input is " + x.shape()
                    + "; expected [batch, " + in + "]");
        }
        Tensor y = output.get(x.shape().rows());
        backend.linear(x, weight.value(), bias == null ? null : bias.value(), y);
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        backwardParametersOnly(dy);
        Tensor dx = inputGrad.get(dy.shape().rows());
        backend.gemm(1.0, dy, false, weight.value(), false, 0.0, dx);
        return dx;
    }

    /** {@code dW += dy^T x} and {@code db += sum over the batch of dy}, without {@code dx = dy W}. */
    @Override
    public void backwardParametersOnly(Tensor dy) {
        if (lastInput == null) {
            throw new IllegalStateException("Linear(" + in + ", " + out + "): backward called before forward");
        }
        backend.gemm(1.0, dy, true, lastInput, false, 1.0, weight.grad());
        if (bias != null) {
            backend.columnSums(dy, 1.0, bias.grad());
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Linear(in, out, bias != null);
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + in + ", out_features=" + out + ", bias=" + (bias != null) + ")";
    }
}
