package org.backprop4j.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.backprop4j.api.DType;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * General matrix multiply of row-major {@link INDArray}s, one call into the OpenBLAS that ND4J
 * itself loads and calls ({@code cblas_sgemm} / {@code cblas_dgemm} through JavaCPP's
 * {@code openblas_nolapack} binding).
 *
 * <p>Why not {@code Nd4j.gemm}: it runs libnd4j's {@code matmul} custom op, which allocates an
 * op, an op context and shape descriptors per call before reaching the same BLAS function.
 * Measured on this project's two-core machine, one thread, float32, best of 7 rounds: 8 µs
 * against 0.1 µs for a 4x8x8 product, 69 µs against 58 µs for 32x256x256. Transposes are
 * BLAS flags on the stored operands, never materialised, and a row-major result costs nothing
 * extra (OpenBLAS swaps the operands of a row-major call internally).
 */
final class RowMajorGemm {
    private RowMajorGemm() {
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}, where {@code op(m)} is {@code m^T} when its flag is
     * set; {@code c_ij = alpha sum_k op(a)_ik op(b)_kj + beta c_ij}. The sizes come from the
     * arrays: {@code op(a)} is {@code [m, k]}, {@code op(b)} {@code [k, n]}, {@code c}
     * {@code [m, n]}. All three are dense {@code 'c'}-order arrays of {@code dtype} with offset
     * 0; {@code c} is written and must be distinct from {@code a} and {@code b}.
     *
     * <p>When {@code beta == 0}, {@code c} is not read, as BLAS specifies: OpenBLAS zeroes it
     * instead of scaling it, so NaN in {@code c} does not propagate. float32 products use
     * {@code alpha} and {@code beta} rounded to float and accumulate in float32.
     */
    static void gemm(DType dtype, double alpha, INDArray a, boolean transposeA, INDArray b, boolean transposeB,
                     double beta, INDArray c) {
        int m = c.rows();
        int n = c.columns();
        int k = transposeA ? a.rows() : a.columns();
        int lda = a.columns(); // the row stride of a as stored, whether or not it is transposed
        int ldb = b.columns();
        int opA = transposeA ? CblasTrans : CblasNoTrans;
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        switch (dtype) {
            case FLOAT32 -> cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), lda, (FloatPointer) b.data().addressPointer(), ldb,
                    (float) beta, (FloatPointer) c.data().addressPointer(), n);
            case FLOAT64 -> cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), lda, (DoublePointer) b.data().addressPointer(), ldb,
                    beta, (DoublePointer) c.data().addressPointer(), n);
        }
    }
}
