package org.backprop4j.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dcopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ddot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dscal;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sdot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

import org.backprop4j.api.DType;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The BLAS routines the backend calls, on tensors' buffers: the OpenBLAS that ND4J itself loads
 * and calls ({@code cblas_*} through JavaCPP's {@code openblas_nolapack} binding), with the
 * addresses each {@link Nd4jTensor} made once, so that a call allocates nothing on the Java heap
 * and costs the routine and well under a microsecond more.
 *
 * <p>Why not {@code Nd4j.gemm}: it runs libnd4j's {@code matmul} custom op, which allocates an
 * op, an op context and shape descriptors per call before reaching the same BLAS function (8 µs
 * against 0.1 µs for a 4x8x8 float32 product, one thread). Transposes are
 * BLAS flags on the stored operands, never materialised, and a row-major result costs nothing
 * extra (OpenBLAS swaps the operands of a row-major call internally).
 *
 * <p>float32 routines take {@code alpha} and {@code beta} rounded to float and accumulate in
 * float32.
 */
final class OpenBlas {
    private OpenBlas() {
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}, where {@code op(m)} is {@code m^T} when its flag is
     * set; {@code c_ij = alpha sum_k op(a)_ik op(b)_kj + beta c_ij}. The sizes come from the
     * tensors' shapes: {@code op(a)} is {@code [m, k]}, {@code op(b)} {@code [k, n]}, {@code c}
     * {@code [m, n]}. {@code c} is written and must be distinct from {@code a} and {@code b}.
     *
     * <p>When {@code beta == 0}, {@code c} is not read, as BLAS specifies: OpenBLAS zeroes it
     * instead of scaling it, so NaN in {@code c} does not propagate. When {@code alpha == 0}, BLAS
     * returns after scaling {@code c}, without reading {@code a} and {@code b}: the caller must
     * not pass 0 where NaN in them must reach {@code c}.
     */
    static void gemm(double alpha, Nd4jTensor a, boolean transposeA, Nd4jTensor b, boolean transposeB, double beta,
                     Nd4jTensor c) {
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        // the leading dimension is the row stride of the operand as stored, transposed or not
        gemm(c.dtype(), transposeA, transposeB, m, n, k, alpha, a.address, a.shape().cols(), b.address,
                b.shape().cols(), beta, c.address, n);
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} on row-major buffers of {@code dtype}: {@code op(a)}
     * is {@code [m, k]} with row stride {@code lda} as stored, {@code op(b)} {@code [k, n]} with
     * {@code ldb}, {@code c} {@code [m, n]} with {@code ldc}.
     */
    static void gemm(DType dtype, boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
                     Pointer a, int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        int opA = transposeA ? CblasTrans : CblasNoTrans;
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        switch (dtype) {
            case FLOAT32 -> cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha, (FloatPointer) a, lda,
                    (FloatPointer) b, ldb, (float) beta, (FloatPointer) c, ldc);
            case FLOAT64 -> cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha, (DoublePointer) a, lda,
                    (DoublePointer) b, ldb, beta, (DoublePointer) c, ldc);
        }
    }

    /**
     * {@code y = alpha a x + beta y} ({@code ?gemv}) on row-major buffers of {@code dtype}:
     * {@code a} is {@code [m, n]} with row stride {@code lda}, {@code x} has {@code n} elements and
     * {@code y} {@code m}, both contiguous. When {@code beta == 0}, {@code y} is not read (BLAS
     * sets it to 0 first). {@code alpha} must not be 0 where {@code a} must be read.
     */
    static void gemv(DType dtype, int m, int n, double alpha, Pointer a, int lda, Pointer x, double beta, Pointer y) {
        switch (dtype) {
            case FLOAT32 -> cblas_sgemv(CblasRowMajor, CblasNoTrans, m, n, (float) alpha, (FloatPointer) a, lda,
                    (FloatPointer) x, 1, (float) beta, (FloatPointer) y, 1);
            case FLOAT64 -> cblas_dgemv(CblasRowMajor, CblasNoTrans, m, n, alpha, (DoublePointer) a, lda,
                    (DoublePointer) x, 1, beta, (DoublePointer) y, 1);
        }
    }

    /** {@code y = x}, element for element ({@code ?copy}); {@code x} and {@code y} have the same size. */
    static void copy(Nd4jTensor x, Nd4jTensor y) {
        int n = y.shape().size();
        switch (y.dtype()) {
            case FLOAT32 -> cblas_scopy(n, (FloatPointer) x.address, 1, (FloatPointer) y.address, 1);
            case FLOAT64 -> cblas_dcopy(n, (DoublePointer) x.address, 1, (DoublePointer) y.address, 1);
        }
    }

    /** {@code x = alpha x} ({@code ?scal}); reads {@code x}, so {@code alpha} must not be 0 where NaN must survive. */
    static void scal(double alpha, Nd4jTensor x) {
        int n = x.shape().size();
        switch (x.dtype()) {
            case FLOAT32 -> cblas_sscal(n, (float) alpha, (FloatPointer) x.address, 1);
            case FLOAT64 -> cblas_dscal(n, alpha, (DoublePointer) x.address, 1);
        }
    }

    /** {@code y = alpha x + y} ({@code ?axpy}); {@code x} and {@code y} are distinct and have the same size. */
    static void axpy(double alpha, Nd4jTensor x, Nd4jTensor y) {
        int n = y.shape().size();
        switch (y.dtype()) {
            case FLOAT32 -> cblas_saxpy(n, (float) alpha, (FloatPointer) x.address, 1, (FloatPointer) y.address, 1);
            case FLOAT64 -> cblas_daxpy(n, alpha, (DoublePointer) x.address, 1, (DoublePointer) y.address, 1);
        }
    }

    /** {@code sum_i x_i y_i} ({@code ?dot}; float32 accumulates in float32). */
    static double dot(Nd4jTensor x, Nd4jTensor y) {
        int n = x.shape().size();
        return switch (x.dtype()) {
            case FLOAT32 -> cblas_sdot(n, (FloatPointer) x.address, 1, (FloatPointer) y.address, 1);
            case FLOAT64 -> cblas_ddot(n, (DoublePointer) x.address, 1, (DoublePointer) y.address, 1);
        };
    }
}
