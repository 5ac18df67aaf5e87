package org.backprop4j.api.spi;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * The smallest check a provider's {@link BackendProvider#probe probe} can make that its backend
 * computes: {@code [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[19, 22], [43, 50]]} through the ops' own
 * {@code zeros}, {@code copyIn}, {@code gemm} (alpha 1, beta 0, no transpose) and {@code copyOut},
 * in each dtype asked for. The operands are small integers, so the product is exact in float32
 * and float64 alike: any difference is a fault (a native library that loaded but computes wrong,
 * a kernel for the wrong dtype), not rounding. It allocates six tiny tensors per dtype and
 * modifies nothing else.
 */
public final class ProductSelfTest {
    private static final double[] A = {1, 2, 3, 4};
    private static final double[] B = {5, 6, 7, 8};
    private static final double[] PRODUCT = {19, 22, 43, 50};

    private ProductSelfTest() {
    }

    /**
     * The first wrong product, or empty when every one is exact.
     *
     * @param ops    the backend's ops; only the 2x2 tensors made here are written
     * @param dtypes the dtypes to check, in the set's order; not modified
     * @return e.g. {@code "float32 2x2 product gave [19.0, 22.0, 43.0, 0.0]; expected [19.0, 22.0, 43.0, 50.0]"}
     * @throws RuntimeException whatever the ops throw, unchanged: the caller decides how a failure
     *                          to compute is reported
     */
    public static Optional<String> firstFailure(TensorOps ops, Set<DType> dtypes) {
        for (DType dtype : dtypes) {
            Tensor a = ops.zeros(dtype, Shape.matrix(2, 2));
            Tensor b = ops.zeros(dtype, Shape.matrix(2, 2));
            Tensor c = ops.zeros(dtype, Shape.matrix(2, 2));
            ops.copyIn(A, a);
            ops.copyIn(B, b);
            ops.gemm(1.0, a, false, b, false, 0.0, c);
            double[] product = new double[PRODUCT.length];
            ops.copyOut(c, product);
            if (!Arrays.equals(product, PRODUCT)) {
                return Optional.of(dtype + " 2x2 product gave " + Arrays.toString(product) + "; expected "
                        + Arrays.toString(PRODUCT));
            }
        }
        return Optional.empty();
    }
}
