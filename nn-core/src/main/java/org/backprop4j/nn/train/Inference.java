package org.backprop4j.nn.train;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Sequential;

/**
 * Runs a network forward over many rows, a batch at a time. Safe to call from several threads:
 * the {@link Sequential} reuses its layers' buffers, so calls on one model take turns (locked on
 * the model); calls on different models run at once.
 */
public final class Inference {
    /** Rows per forward pass when the caller does not say. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private Inference() {
    }

    /**
     * The model's outputs for {@code inputs} (row-major {@code [rows, model.inputWidth()]}), as
     * row-major {@code [rows, model.outputWidth()]} doubles; float32 outputs are widened exactly.
     *
     * @throws IllegalArgumentException when {@code inputs} is empty or not whole rows
     */
    public static double[] predict(Sequential model, double[] inputs, int batchSize) {
        int in = model.inputWidth();
        int out = model.outputWidth();
        if (inputs.length == 0 || inputs.length % in != 0) {
            throw new IllegalArgumentException("inputs have " + inputs.length + " values; expected a positive multiple of "
                    + in + ", the model's input width");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size (" + batchSize + ") must be >= 1");
        }
        Backend backend = model.backend();
        int rows = inputs.length / in;
        double[] outputs = new double[rows * out];
        synchronized (model) { // the layers' buffers are the model's: one forward pass at a time
            for (int from = 0; from < rows; from += batchSize) {
                int n = Math.min(batchSize, rows - from);
                double[] x = new double[n * in];
                System.arraycopy(inputs, from * in, x, 0, x.length);
                Tensor y = model.forward(backend.fromArray(model.dtype(), Shape.matrix(n, in), x));
                double[] values = backend.toDoubleArray(y);
                System.arraycopy(values, 0, outputs, from * out, values.length);
            }
        }
        return outputs;
    }

    /** {@link #predict(Sequential, double[], int)} with {@link #DEFAULT_BATCH_SIZE}. */
    public static double[] predict(Sequential model, double[] inputs) {
        return predict(model, inputs, DEFAULT_BATCH_SIZE);
    }
}
