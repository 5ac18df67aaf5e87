package org.backprop4j.backend.vector;

/**
 * {@code c = alpha op(a) op(b) + beta c} in one dtype: {@link Float32Gemm} or {@link Float64Gemm}.
 * The contract is {@link org.backprop4j.api.Backend#gemm}'s; the tensors are the ones the facade
 * checked ({@code c} distinct from {@code a} and {@code b}).
 */
interface MatrixProduct {
    void multiply(double alpha, VectorTensor a, boolean transposeA, VectorTensor b, boolean transposeB, double beta,
                  VectorTensor c);
}
