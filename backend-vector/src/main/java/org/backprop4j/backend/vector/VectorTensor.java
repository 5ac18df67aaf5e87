package org.backprop4j.backend.vector;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.spi.AbstractTensor;

/**
 * A tensor of the vector backend: its elements, row-major, in a {@code float[]} (float32) or a
 * {@code double[]} (float64) of exactly {@code shape.size()} elements, and the kernels of its
 * dtype. A vector {@code [n]} has the layout of a {@code 1 x n} matrix.
 */
final class VectorTensor extends AbstractTensor {
    /** The elements of a float32 tensor; null for float64. */
    final float[] floats;
    /** The elements of a float64 tensor; null for float32. */
    final double[] doubles;
    /** The kernels of this tensor's dtype. */
    final DTypeKernels kernels;

    VectorTensor(VectorOps owner, DType dtype, Shape shape) {
        super(owner, dtype, shape);
        this.kernels = DTypeKernels.of(dtype);
        this.floats = dtype == DType.FLOAT32 ? new float[shape.size()] : null;
        this.doubles = dtype == DType.FLOAT64 ? new double[shape.size()] : null;
    }

    /** Rows of the tensor as a matrix ({@code 1} for a vector). */
    int rows() {
        return shape().rows();
    }

    /** Columns of the tensor as a matrix (its length for a vector). */
    int cols() {
        return shape().cols();
    }
}
