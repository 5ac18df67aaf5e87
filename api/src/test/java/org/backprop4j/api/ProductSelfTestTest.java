package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import org.backprop4j.api.spi.ProductSelfTest;
import org.junit.jupiter.api.Test;

class ProductSelfTestTest {
    /** 2x2 tensors with storage, and a product that is right or, for float32, wrong in one element. */
    private static final class TwoByTwoOps extends StubOps {
        private final Map<Tensor, double[]> data = new IdentityHashMap<>();
        private final boolean wrongFloat32;

        TwoByTwoOps(boolean wrongFloat32) {
            this.wrongFloat32 = wrongFloat32;
        }

        @Override
        public void copyIn(double[] src, Tensor dst) {
            data.put(dst, src.clone());
        }

        @Override
        public void copyOut(Tensor src, double[] dst) {
            System.arraycopy(data.get(src), 0, dst, 0, dst.length);
        }

        @Override
        public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta,
                         Tensor c) {
            double[] x = data.get(a);
            double[] y = data.get(b);
            double[] z = new double[4];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    z[i * 2 + j] = x[i * 2] * y[j] + x[i * 2 + 1] * y[2 + j];
                }
            }
            if (wrongFloat32 && c.dtype() == DType.FLOAT32) {
                z[3] = 0;
            }
            data.put(c, z);
        }
    }

    @Test
    void anExactProductInEveryDtypePasses() {
        assertThat(ProductSelfTest.firstFailure(new TwoByTwoOps(false), EnumSet.allOf(DType.class))).isEmpty();
    }

    @Test
    void aWrongProductIsNamedWithItsDtypeWhatItGaveAndWhatWasExpected() {
        assertThat(ProductSelfTest.firstFailure(new TwoByTwoOps(true), EnumSet.allOf(DType.class)))
                .contains("float32 2x2 product gave [19.0, 22.0, 43.0, 0.0]; expected [19.0, 22.0, 43.0, 50.0]");
        assertThat(ProductSelfTest.firstFailure(new TwoByTwoOps(true), EnumSet.of(DType.FLOAT64))).isEmpty();
    }

    @Test
    void whatTheOpsThrowReachesTheCaller() {
        StubOps ops = new StubOps();
        ops.failure = new IllegalStateException("native library gone");
        assertThatThrownBy(() -> ProductSelfTest.firstFailure(ops, EnumSet.allOf(DType.class)))
                .isInstanceOf(IllegalStateException.class).hasMessage("native library gone");
    }
}
