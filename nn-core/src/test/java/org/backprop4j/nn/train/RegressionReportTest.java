package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.nn.JsonArrays.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link RegressionReport} against scikit-learn 1.2.1's {@code mean_squared_error},
 * {@code mean_absolute_error} and {@code r2_score} on the fixture of
 * {@code tools/sklearn/make_metrics_fixture.py} (150 rows, three columns, the third constant).
 */
class RegressionReportTest {
    private static final double TOLERANCE = 1e-12;

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RegressionReportTest.class.getResourceAsStream("/metrics/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void matchesScikitLearnPerColumnAndAveraged() throws IOException {
        JsonNode f = fixture("regression.json");
        RegressionReport report = new RegressionReport(3);
        report.add(doubles(f.get("predictions")), doubles(f.get("targets")));
        assertThat(report.rows()).isEqualTo(150);
        for (int j = 0; j < 3; j++) {
            assertThat(report.mse(j)).as("MSE of column %d", j).isCloseTo(f.get("mse").get(j).asDouble(), within(TOLERANCE));
            assertThat(report.mae(j)).as("MAE of column %d", j).isCloseTo(f.get("mae").get(j).asDouble(), within(TOLERANCE));
        }
        assertThat(report.r2(0)).isCloseTo(f.get("r2").get(0).asDouble(), within(TOLERANCE));
        assertThat(report.r2(1)).isCloseTo(f.get("r2").get(1).asDouble(), within(TOLERANCE));
        assertThat(f.get("r2").get(2).isNull()).as("scikit-learn has no finite R^2 for the constant column").isTrue();
        assertThat(report.r2(2)).isNaN();
        assertThat(report.constantTargets(2)).isTrue();
        assertThat(report.constantTargets(0)).isFalse();
        assertThat(report.meanMse()).isCloseTo(f.get("mean_mse").asDouble(), within(TOLERANCE));
        assertThat(report.meanMae()).isCloseTo(f.get("mean_mae").asDouble(), within(TOLERANCE));
        assertThat(report.meanR2()).as("one column undefined: the average is too").isNaN();
    }

    @Test
    void theMeanR2IsTheUniformAverage() throws IOException {
        JsonNode f = fixture("regression.json");
        double[] p = doubles(f.get("predictions"));
        double[] t = doubles(f.get("targets"));
        RegressionReport report = new RegressionReport(2);
        report.add(firstTwoColumns(p), firstTwoColumns(t));
        assertThat(report.meanR2()).isCloseTo(f.get("mean_r2_first_two_columns").asDouble(), within(TOLERANCE));
    }

    @Test
    void rowsAddedInChunksGiveTheSameFiguresBitForBit() throws IOException {
        JsonNode f = fixture("regression.json");
        double[] p = doubles(f.get("predictions"));
        double[] t = doubles(f.get("targets"));
        RegressionReport whole = new RegressionReport(3);
        whole.add(p, t);
        RegressionReport chunked = new RegressionReport(3);
        for (int row = 0; row < 150; row += 64) {
            int end = Math.min(150, row + 64) * 3;
            chunked.add(Arrays.copyOfRange(p, row * 3, end), Arrays.copyOfRange(t, row * 3, end));
        }
        assertThat(chunked.rows()).isEqualTo(150);
        for (int j = 0; j < 3; j++) {
            assertThat(chunked.mse(j)).isEqualTo(whole.mse(j));
            assertThat(chunked.mae(j)).isEqualTo(whole.mae(j));
            assertThat(Double.doubleToLongBits(chunked.r2(j))).isEqualTo(Double.doubleToLongBits(whole.r2(j)));
        }
    }

    @Test
    void theSpreadOfLargeNearlyEqualTargetsKeepsItsDigits() {
        // a naive sum of squares minus n mean^2 loses every digit here: 1e9^2 swamps the spread of 2
        RegressionReport report = new RegressionReport(1);
        report.add(new double[] {1e9, 1e9, 1e9}, new double[] {1e9 - 1, 1e9, 1e9 + 1});
        assertThat(report.r2(0)).isCloseTo(1 - 2 / 2.0, within(1e-12));
        assertThat(report.mse(0)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.mae(0)).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void perfectPredictionsScoreOneAndNoRowsHaveNoMetrics() {
        RegressionReport report = new RegressionReport(1);
        assertThatThrownBy(() -> report.mse(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no rows");
        report.add(new double[] {1, 2, 4}, new double[] {1, 2, 4});
        assertThat(report.r2(0)).isEqualTo(1.0);
        assertThat(report.mse(0)).isZero();
        assertThatThrownBy(() -> report.mse(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsRowsOfTheWrongShape() {
        RegressionReport report = new RegressionReport(2);
        assertThatThrownBy(() -> report.add(new double[] {1, 2}, new double[] {1, 2, 3, 4}))
                .hasMessageContaining("2 predictions for 4 targets");
        assertThatThrownBy(() -> report.add(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
                .hasMessageContaining("whole rows of width 2");
        assertThatThrownBy(() -> new RegressionReport(0)).hasMessage("width (0) must be >= 1");
    }

    private static double[] firstTwoColumns(double[] rows) {
        double[] out = new double[rows.length / 3 * 2];
        for (int i = 0; i < rows.length / 3; i++) {
            out[2 * i] = rows[3 * i];
            out[2 * i + 1] = rows[3 * i + 1];
        }
        return out;
    }
}
