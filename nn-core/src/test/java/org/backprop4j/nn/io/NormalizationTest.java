package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.backprop4j.api.DType;
import org.backprop4j.nn.train.Dataset;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    /** Column 0: 1, 2, 3, 4 (mean 2.5, population sd sqrt(1.25)); column 1 constant 7. Target: 10, 20, 30, 40. */
    static Dataset data() {
        return new Dataset(new double[] {1, 7, 2, 7, 3, 7, 4, 7}, 2, new double[] {10, 20, 30, 40}, 1);
    }

    @Test
    void fitsMeanAndPopulationStd() {
        Normalization n = Normalization.fit(data(), true);
        assertThat(n.inputMean()).containsExactly(2.5, 7);
        assertThat(n.inputStd()[0]).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(n.inputStd()[1]).as("a constant column divides by 1").isEqualTo(1);
        assertThat(n.targetMean()).containsExactly(25);
        assertThat(n.targetStd()[0]).isCloseTo(Math.sqrt(125), within(1e-12));
        Normalization inputsOnly = Normalization.fit(data(), false);
        assertThat(inputsOnly.targetMean()).isNull();
        assertThat(inputsOnly.targetStd()).isNull();
    }

    @Test
    void standardisedDataHasMeanZeroAndSdOne() {
        Dataset d = Normalization.fit(data(), true).apply(data());
        double[] x = d.inputs();
        assertThat(x[0] + x[2] + x[4] + x[6]).isCloseTo(0, within(1e-12));
        assertThat(x[0] * x[0] + x[2] * x[2] + x[4] * x[4] + x[6] * x[6]).isCloseTo(4, within(1e-12));
        assertThat(new double[] {x[1], x[3], x[5], x[7]}).containsOnly(0.0);
        double[] y = d.targets();
        assertThat(y[0] + y[1] + y[2] + y[3]).isCloseTo(0, within(1e-12));
    }

    @Test
    void outputsMapBackToTargetUnits() {
        Normalization n = Normalization.fit(data(), true);
        double[] standardised = n.normalizeTargets(new double[] {10, 40}, 1);
        assertThat(n.denormalizeOutputs(standardised, 1)).containsExactly(new double[] {10, 40}, within(1e-12));
        assertThat(n.denormalizeOutputs(new double[] {0}, 1)).containsExactly(25);
    }

    @Test
    void absentVectorsSkipTheirPart() {
        Normalization meanOnly = new Normalization(new double[] {1}, null, null, new double[] {2});
        assertThat(meanOnly.normalizeInputs(new double[] {5, 7}, 1)).containsExactly(4, 6);
        assertThat(meanOnly.denormalizeOutputs(new double[] {5, 7}, 1)).containsExactly(10, 14);
        assertThat(Normalization.NONE.normalizeInputs(new double[] {5, 7}, 2)).containsExactly(5, 7);
        assertThat(Normalization.NONE.isNone()).isTrue();
    }

    @Test
    void rejectsBadStatistics() {
        assertThatThrownBy(() -> new Normalization(null, new double[] {1, 0}, null, null))
                .hasMessage("input_std[1] is 0.0; expected a finite number > 0");
        assertThatThrownBy(() -> new Normalization(new double[] {Double.NaN}, null, null, null))
                .hasMessage("input_mean[0] is NaN; expected a finite number");
        assertThatThrownBy(() -> new Normalization(null, null, new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("target_mean has 2 values and target_std 1");
        assertThatThrownBy(() -> new Normalization(new double[] {1, 2}, null, null, null).checkWidths(3, 1))
                .hasMessage("input_mean has 2 values; expected 3, one per network input");
    }

    @Test
    void rejectsAStdWhoseReciprocalOverflows() {
        assertThatThrownBy(() -> new Normalization(null, new double[] {1, 1e-320}, null, null))
                .hasMessageStartingWith("input_std[1] is 1.0E-320; expected a finite number > 0 whose reciprocal is finite too");
        assertThatThrownBy(() -> new Normalization(null, null, null, new double[] {Double.MIN_VALUE}))
                .hasMessageStartingWith("target_std[0] is 4.9E-324;");
        assertThat(new Normalization(null, new double[] {1e-300}, null, null).normalizeInputs(new double[] {1e-290}, 1))
                .containsExactly(new double[] {1e10}, within(1e-3));
    }

    @Test
    void appliesInTheDtypeTheModelComputesIn() {
        Normalization n = Normalization.fit(data(), true);
        Dataset wide = n.apply(data());
        Dataset narrow = n.apply(data(), DType.FLOAT32);
        assertThat(narrow.dtype()).isEqualTo(DType.FLOAT32);
        double[] expected = Arrays.stream(wide.inputs()).map(v -> (float) v).toArray();
        assertThat(narrow.inputs()).containsExactly(expected);
    }
}
