package org.backprop4j.backend.ejml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;

/**
 * The sums of the kernels, accumulated in double for both dtypes: this is where float32 and
 * float64 differ, so it is written here once per dtype rather than generated. On
 * {@code DMatrixRMaj} each is EJML's own call; on {@code FMatrixRMaj} each is a loop in double,
 * rounded to float once where the result is stored, because {@code CommonOps_FDRM}'s sums
 * accumulate in float. Elements are added in index order in both. Only the {@code sums} argument
 * is written.
 */
final class DoubleSums {
    private DoubleSums() {
    }

    /** {@code sum_i a_i}, EJML's {@code elementSum}. */
    static double elementSum(DMatrixRMaj a) {
        return CommonOps_DDRM.elementSum(a);
    }

    /** {@code sum_i a_i} in double. */
    static double elementSum(FMatrixRMaj a) {
        double s = 0;
        for (float v : a.data) {
            s += v;
        }
        return s;
    }

    /** {@code sum_i a_i b_i} over all elements: EJML's {@code innerProd} ({@code CommonOps_DDRM.dot} takes vectors only). */
    static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        return VectorVectorMult_DDRM.innerProd(a, b);
    }

    /** {@code sum_i a_i b_i} over all elements in double; each product of two floats is exact in double. */
    static double dot(FMatrixRMaj a, FMatrixRMaj b) {
        float[] av = a.data;
        float[] bv = b.data;
        double s = 0;
        for (int i = 0; i < av.length; i++) {
            s += (double) av[i] * bv[i];
        }
        return s;
    }

    /** {@code sums_i = sum_j a_ij} for {@code sums [1 x rows]}: EJML's {@code sumRows}. */
    static void sumRows(DMatrixRMaj a, DMatrixRMaj sums) {
        CommonOps_DDRM.sumRows(a, sums); // reshapes sums to a column [rows x 1], the same array
        sums.reshape(1, sums.numRows); // back to the tensor's [1 x rows]
    }

    /** {@code sums_i = sum_j a_ij} for {@code sums [1 x rows]}, each in double, rounded once. */
    static void sumRows(FMatrixRMaj a, FMatrixRMaj sums) {
        float[] av = a.data;
        float[] sv = sums.data;
        int n = av.length / sv.length;
        for (int i = 0; i < sv.length; i++) {
            double s = 0;
            for (int j = i * n; j < (i + 1) * n; j++) {
                s += av[j];
            }
            sv[i] = (float) s;
        }
    }
}
