package org.backprop4j.conformance;

import java.util.Objects;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * A tensor as a case file holds it: a shape and its elements in row-major order, already rounded
 * to the case's dtype.
 *
 * @param shape the shape
 * @param data  {@code shape.size()} elements, row-major
 */
public record TensorData(Shape shape, double[] data) {
    public TensorData {
        Objects.requireNonNull(shape, "shape");
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor data has " + data.length + " elements; expected " + shape.size()
                    + " for shape " + shape);
        }
    }

    /** A new tensor on {@code backend} holding these elements. */
    public Tensor toTensor(Backend backend, DType dtype) {
        return backend.fromArray(dtype, shape, data);
    }
}
