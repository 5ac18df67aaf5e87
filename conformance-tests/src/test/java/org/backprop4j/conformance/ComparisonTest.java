package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Tolerance T = new Tolerance(1e-3, 1e-6);

    @Test
    void theRuleIsAbsolutePlusRelativeToTheExpectedValue() {
        assertThat(T.matches(1.001, 1.0)).isTrue(); // error 1e-3 <= 1e-6 + 1e-3
        assertThat(T.matches(1.0011, 1.0)).isFalse();
        assertThat(T.matches(1e-6, 0.0)).isTrue();
        assertThat(T.matches(2e-6, 0.0)).isFalse();
        assertThat(T.errorRatio(1.0005, 1.0)).isCloseTo(0.5 / 1.001, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void nanMatchesOnlyNanAndAnInfinityOnlyItself() {
        assertThat(T.matches(Double.NaN, Double.NaN)).isTrue();
        assertThat(T.matches(1.0, Double.NaN)).isFalse();
        assertThat(T.matches(Double.NaN, 1.0)).isFalse();
        assertThat(T.matches(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(T.matches(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(T.matches(Double.MAX_VALUE, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(T.errorRatio(Double.POSITIVE_INFINITY, 1.0)).isInfinite();
        assertThat(new Tolerance(0, 0).errorRatio(1.0, 1.0)).isZero();
        assertThat(new Tolerance(0, 0).errorRatio(Math.nextUp(1.0), 1.0)).isInfinite();
    }

    @Test
    void theDefaultsAreTorchTestingAssertClose() {
        assertThat(Tolerance.forDType(DType.FLOAT64)).isEqualTo(new Tolerance(1e-7, 1e-7));
        assertThat(Tolerance.forDType(DType.FLOAT32)).isEqualTo(new Tolerance(1.3e-6, 1e-5));
        assertThatThrownBy(() -> new Tolerance(-1, 0)).hasMessage("rtol (-1.0) must be a finite number >= 0");
        assertThatThrownBy(() -> new Tolerance(0, Double.NaN)).hasMessage("atol (NaN) must be a finite number >= 0");
    }

    @Test
    void reportsTheMismatchCountAndTheWorstElementByRowAndColumn() {
        Shape shape = Shape.matrix(2, 3);
        QuantityResult r = Comparison.compare("grads.0.weight", shape, new double[] {1, 2, 3, 4, 5, 6}, shape,
                new double[] {1, 2.5, 3, 4, 5, -6}, T);
        assertThat(r.passed()).isFalse();
        assertThat(r.mismatches()).isEqualTo(2);
        assertThat(r.worstElement()).isEqualTo("[1, 2]");
        assertThat(r.worstActual()).isEqualTo(-6);
        assertThat(r.worstExpected()).isEqualTo(6);
        assertThat(r.describe()).startsWith("grads.0.weight [2, 3]: 2 of 6 elements differ; worst [1, 2]: actual -6.0, "
                + "expected 6.0 (error 2.00e+03 x tolerance; rtol 0.001, atol 1.0E-6)");
    }

    @Test
    void aPassingQuantityStillReportsHowCloseItCame() {
        QuantityResult r = Comparison.compareScalar("loss", 2.0, 2.001, T);
        assertThat(r.passed()).isTrue();
        assertThat(r.worstElement()).isEqualTo("[]");
        assertThat(r.worstRatio()).isBetween(0.49, 0.51);
        assertThat(r.describe()).startsWith("loss scalar: all 1 elements match; worst []");
    }

    @Test
    void shapesMustMatchExactly() {
        QuantityResult r = Comparison.compare("output", Shape.matrix(2, 3), new double[6], Shape.matrix(3, 2),
                new double[6], T);
        assertThat(r.passed()).isFalse();
        assertThat(r.describe()).isEqualTo("output: shape [3, 2]; expected [2, 3]");
        QuantityResult v = Comparison.compare("grads.0.bias", Shape.vector(3), new double[3], Shape.matrix(1, 3),
                new double[3], T);
        assertThat(v.passed()).isFalse();
        assertThat(Comparison.compareSequence("train.losses", new double[3], new double[2], T).problem())
                .isEqualTo("2 values; expected 3");
    }
}
