package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.layers.Linear;

/**
 * Layers applied in order, as {@code torch.nn.Sequential}. Parameters are named by their
 * PyTorch {@code state_dict} keys, {@code "<index>.weight"} and {@code "<index>.bias"}, where
 * {@code <index>} is the layer's zero-based position, so weights exchange with PyTorch as they are.
 *
 * <p>No backend-specific code: a model runs on whatever {@link Backend} it was built on. A
 * network is in training or evaluation mode ({@link #train()}, {@link #eval()}); it starts in
 * evaluation mode.
 *
 * <p>Not thread-safe: every layer keeps its output and gradient buffers and reuses them, so one
 * model serves one thread at a time ({@link org.backprop4j.nn.train.Inference#predict}, and so
 * {@link org.backprop4j.nn.io.SavedModel#predict}, take care of that for serving).
 */
public final class Sequential {
    private final Backend backend;
    private final DType dtype;
    private final List<Layer> layers;
    private final Map<String, Parameter> parameters;
    private final List<Parameter> parameterList;
    /** Index of the first layer with parameters; the layers before it need no gradient. */
    private final int firstTrainable;
    private boolean training;

    public Sequential(Backend backend, DType dtype, List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential: no layers; expected at least one");
        }
        this.backend = backend;
        this.dtype = dtype;
        this.layers = List.copyOf(layers);
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (int i = 0; i < this.layers.size(); i++) {
            for (Parameter p : this.layers.get(i).parameters()) {
                Parameter q = p.prefixed(Integer.toString(i));
                named.put(q.name(), q);
            }
        }
        this.parameters = Collections.unmodifiableMap(named);
        this.parameterList = List.copyOf(named.values());
        int first = 0;
        while (first < this.layers.size() && this.layers.get(first).parameters().isEmpty()) {
            first++;
        }
        this.firstTrainable = first;
        setTraining(false);
    }

    /**
     * Builds the layers that {@code specs} describe ({@link LayerSpec#build}), with PyTorch's
     * initialisation drawn from {@code new SplittableRandom(seed)}: the same seed, backend and
     * dtype give bitwise the same weights. Layers without parameters take the width of their
     * input, so a network may start with an activation (as {@code torch.nn.Sequential}); the
     * widths of the linear layers must chain. The network starts in evaluation mode.
     *
     * @throws IllegalArgumentException when there are no layers or the widths of consecutive
     *                                  linear layers disagree
     */
    public static Sequential build(Backend backend, DType dtype, List<LayerSpec> specs, long seed) {
        return build(backend, dtype, specs, new SplittableRandom(seed));
    }

    /** As {@link #build(Backend, DType, List, long)}, drawing the weights (and dropout seeds) from {@code rng}. */
    public static Sequential build(Backend backend, DType dtype, List<LayerSpec> specs, RandomGenerator rng) {
        ParameterShapes.of(specs); // checks that the widths of consecutive linear layers agree
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec spec : specs) {
            layers.add(spec.build(backend, dtype, rng));
        }
        return new Sequential(backend, dtype, layers);
    }

    public Backend backend() {
        return backend;
    }

    public DType dtype() {
        return dtype;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The layer descriptions, as case and model files write them. */
    public List<LayerSpec> specs() {
        return layers.stream().map(Layer::spec).toList();
    }

    /** Whether some layer fixes the widths: a network without a linear layer takes any width. */
    public boolean hasFixedWidth() {
        return layers.stream().anyMatch(l -> l instanceof Linear);
    }

    /**
     * Number of input features: the {@code in} of the first linear layer.
     *
     * @throws IllegalStateException for a network without a linear layer ({@link #hasFixedWidth()})
     */
    public int inputWidth() {
        for (Layer l : layers) {
            if (l instanceof Linear lin) {
                return lin.in();
            }
        }
        throw new IllegalStateException("Sequential has no linear layer, so it takes inputs of any width");
    }

    /**
     * Number of outputs: the {@code out} of the last linear layer (the layers after it keep the width).
     *
     * @throws IllegalStateException for a network without a linear layer ({@link #hasFixedWidth()})
     */
    public int outputWidth() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof Linear lin) {
                return lin.out();
            }
        }
        throw new IllegalStateException("Sequential has no linear layer, so its output has its input's width");
    }

    /**
     * Training mode, as PyTorch's {@code module.train()}: dropout layers draw masks. Returns this
     * network. {@link org.backprop4j.nn.train.Trainer#fit} switches to it for its steps.
     */
    public Sequential train() {
        setTraining(true);
        return this;
    }

    /**
     * Evaluation mode, as PyTorch's {@code module.eval()}: dropout is the identity. A network is in
     * this mode when built or read (unlike a new PyTorch module, which starts in training mode), so
     * inference never drops anything by accident. Returns this network.
     */
    public Sequential eval() {
        setTraining(false);
        return this;
    }

    /** Whether the network is in training mode ({@link #train()}). */
    public boolean isTraining() {
        return training;
    }

    private void setTraining(boolean mode) {
        training = mode;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setTraining(mode);
        }
    }

    /** The network's output for {@code x [batch, in]}; a buffer of the last layer (see {@link Layer}). */
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) { // indexed: no iterator garbage per step
            h = layers.get(i).forward(h);
        }
        return h;
    }

    /**
     * Back-propagates {@code dy = dLoss/dOutput}, accumulating every parameter's gradient; returns
     * dLoss/dInput. A training loop that does not read dLoss/dInput should call
     * {@link #backwardParameters} instead: the same parameter gradients, one matrix product fewer
     * (on a 1024-wide first layer at batch 256, a sixth of the step's work).
     */
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /**
     * The backward pass of training: accumulates every parameter's gradient from {@code dy =
     * dLoss/dOutput} but not dLoss/dInput, which training does not need. Layers before the first
     * one with parameters are skipped, and that one does not compute its input gradient (for
     * {@code Linear}, one matrix product fewer), as PyTorch skips what no leaf requires.
     */
    public void backwardParameters(Tensor dy) {
        if (firstTrainable == layers.size()) {
            return;
        }
        Tensor g = dy;
        for (int i = layers.size() - 1; i > firstTrainable; i--) {
            g = layers.get(i).backward(g);
        }
        layers.get(firstTrainable).backwardParametersOnly(g);
    }

    /** The parameters in layer order, named by {@code state_dict} key. */
    public List<Parameter> parameters() {
        return parameterList;
    }

    /** The parameters by {@code state_dict} key, in layer order. */
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /** Sets every gradient to zero, as {@code optimizer.zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        Parameter.zeroGrads(backend, parameterList);
    }

    /**
     * Copies values into the parameters, e.g. weights from PyTorch. Every key must be a
     * parameter of this model and every parameter must be given, with its exact element count.
     *
     * @throws IllegalArgumentException naming the key, the count found and the one expected
     */
    public void loadStateDict(Map<String, double[]> values) {
        for (String key : values.keySet()) {
            if (!parameters.containsKey(key)) {
                throw new IllegalArgumentException("state dict has key '" + key + "', which is not a parameter; expected "
                        + parameters.keySet());
            }
        }
        for (Parameter p : parameters.values()) {
            double[] v = values.get(p.name());
            if (v == null) {
                throw new IllegalArgumentException("state dict lacks parameter '" + p.name() + "' "
                        + p.value().shape() + "; expected every key of " + parameters.keySet());
            }
            if (v.length != p.value().shape().size()) {
                throw new IllegalArgumentException("state dict entry '" + p.name() + "' has " + v.length
                        + " elements; expected " + p.value().shape().size() + " for shape " + p.value().shape());
            }
            backend.copyIn(v, p.value());
        }
    }

    /** Every parameter's values (row-major, widened to double), by {@code state_dict} key. */
    public Map<String, double[]> stateDict() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters.values()) {
            out.put(p.name(), backend.toDoubleArray(p.value()));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("\n  (").append(i).append("): ").append(layers.get(i));
        }
        return sb.append("\n)").toString();
    }
}
