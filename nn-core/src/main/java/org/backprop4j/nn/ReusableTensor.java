package org.backprop4j.nn;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * A work tensor that follows the tensors it is sized after: {@link #like} and {@link #perRow}
 * return the same tensor while the shape and dtype they are asked for stay the same, and a new one
 * (zeroed) when either changes. Layers whose width comes from their input and losses whose shapes
 * come from the output keep their buffers in these, so a training step allocates nothing once warm.
 */
public final class ReusableTensor {
    private final Backend backend;
    private Tensor tensor;

    public ReusableTensor(Backend backend) {
        this.backend = backend;
    }

    /** A tensor of {@code x}'s shape and dtype; contents unspecified. {@code x} is not modified. */
    public Tensor like(Tensor x) {
        if (tensor == null || tensor.dtype() != x.dtype() || !tensor.shape().equals(x.shape())) {
            tensor = backend.zeros(x.dtype(), x.shape());
        }
        return tensor;
    }

    /**
     * A vector {@code [rows]} of {@code x}'s dtype, one element per row of the matrix {@code x}
     * (what {@link Backend#rowReduce} writes); contents unspecified. {@code x} is not modified.
     */
    public Tensor perRow(Tensor x) {
        int rows = x.shape().rows();
        if (tensor == null || tensor.dtype() != x.dtype() || tensor.shape().cols() != rows) {
            tensor = backend.zeros(x.dtype(), Shape.vector(rows));
        }
        return tensor;
    }
}
