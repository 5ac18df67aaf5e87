package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.fail;

import org.backprop4j.api.DType;

/** torch.testing.assert_close's rule and default tolerances: |a - e| <= atol + rtol |e|. */
final class Tolerance {
    private Tolerance() {
    }

    static double rtol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1.3e-6 : 1e-7;
    }

    static double atol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-5 : 1e-7;
    }

    static void assertClose(String what, DType dtype, double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            fail("%s: %d elements; expected %d", what, actual.length, expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            double bound = atol(dtype) + rtol(dtype) * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                fail("%s[%d] = %s; expected %s within %s", what, i, actual[i], expected[i], bound);
            }
        }
    }
}
