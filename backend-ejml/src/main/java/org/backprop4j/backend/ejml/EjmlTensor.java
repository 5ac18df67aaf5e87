package org.backprop4j.backend.ejml;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.spi.AbstractTensor;
import org.ejml.data.Matrix;

/**
 * A tensor of the EJML backend: an EJML dense row-major matrix, {@code DMatrixRMaj} for float64
 * and {@code FMatrixRMaj} for float32, and the kernels of that type. A vector {@code [n]} is
 * stored as a {@code 1 x n} matrix, which has the same row-major layout.
 *
 * <p>The matrix has the tensor's rows and columns for its whole life and its data array has
 * exactly {@code shape.size()} elements: the kernels pass EJML outputs of the right shape, so
 * EJML's {@code reshape} calls never change it.
 */
final class EjmlTensor extends AbstractTensor {
    /** {@code DMatrixRMaj} for float64, {@code FMatrixRMaj} for float32; the kernels cast it. */
    final Matrix matrix;
    /** The kernels of this tensor's dtype. */
    final DenseKernels kernels;

    EjmlTensor(EjmlOps owner, DType dtype, Shape shape) {
        super(owner, dtype, shape);
        this.kernels = DenseKernels.of(dtype);
        this.matrix = kernels.zeros(shape.rows(), shape.cols());
    }
}
