package org.backprop4j.nn;

import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * A reusable {@code [rows, cols]} work tensor whose row count follows the batch: {@link #get}
 * returns the same tensor while the batch size stays the same and a new one when it changes.
 * This is what keeps a training step free of per-step allocation.
 */
public final class BatchBuffer {
    private final Backend backend;
    private final DType dtype;
    private final int cols;
    private Tensor tensor;

    public BatchBuffer(Backend backend, DType dtype, int cols) {
        this.backend = backend;
        this.dtype = dtype;
        this.cols = cols;
    }

    /** A {@code [rows, cols]} tensor, reused from the last call when {@code rows} is the same. Contents unspecified. */
    public Tensor get(int rows) {
        if (tensor == null || tensor.shape().rows() != rows) {
            tensor = backend.zeros(dtype, Shape.matrix(rows, cols));
        }
        return tensor;
    }
}
