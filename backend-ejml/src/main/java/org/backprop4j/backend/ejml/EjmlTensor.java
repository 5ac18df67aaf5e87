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
 *
 * <p>A tensor that receives a product {@code c = op(a) b^T} may also hold a scratch matrix into
 * which {@link EjmlOps#gemm} copies {@code b^T} before multiplying (see there). It is made on the
 * first such product and reused by every later one, so a training step that repeats its products
 * allocates nothing; it belongs to the output because the output is written by the product anyway,
 * so two threads that read the same {@code b} at once never share it.
 */
final class EjmlTensor extends AbstractTensor {
    /** {@code DMatrixRMaj} for float64, {@code FMatrixRMaj} for float32; the kernels cast it. */
    final Matrix matrix;
    /** The kernels of this tensor's dtype. */
    final DenseKernels kernels;
    /** Where {@code b^T} is copied when this tensor receives {@code op(a) b^T}; null until then. */
    private Matrix transposedOperand;

    EjmlTensor(EjmlOps owner, DType dtype, Shape shape) {
        super(owner, dtype, shape);
        this.kernels = DenseKernels.of(dtype);
        this.matrix = kernels.zeros(shape.rows(), shape.cols());
    }

    /**
     * The scratch matrix for {@code b^T} of a product written into this tensor, made
     * {@code rows x cols} on first use; later the kernels reshape it to each {@code b^T}, which
     * allocates only when a larger one comes.
     */
    Matrix transposedOperand(int rows, int cols) {
        if (transposedOperand == null) {
            transposedOperand = kernels.zeros(rows, cols);
        }
        return transposedOperand;
    }
}
