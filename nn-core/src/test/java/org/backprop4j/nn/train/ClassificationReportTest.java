package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.nn.train.RegressionReportTest.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.backprop4j.nn.train.ClassificationReport.Score;
import org.junit.jupiter.api.Test;

/**
 * {@link ClassificationReport} against scikit-learn 1.2.1's {@code classification_report}
 * ({@code zero_division=0}) and {@code confusion_matrix} on the fixture of
 * {@code tools/sklearn/make_metrics_fixture.py}: 200 rows of six classes, where class 3 is never
 * predicted, class 4 never true and class 5 neither.
 */
class ClassificationReportTest {
    private static final double TOLERANCE = 1e-12;

    private static ClassificationReport fromFixture(JsonNode f) {
        ClassificationReport report = new ClassificationReport(f.get("classes").asInt());
        report.add(ints(f.get("truth")), ints(f.get("predicted")));
        return report;
    }

    @Test
    void matchesScikitLearnPerClassAndAveraged() throws IOException {
        JsonNode f = fixture("classification.json");
        ClassificationReport report = fromFixture(f);
        assertThat(report.rows()).isEqualTo(200);
        assertThat(report.accuracy()).isCloseTo(f.get("accuracy").asDouble(), within(TOLERANCE));
        JsonNode perClass = f.get("per_class");
        for (int c = 0; c < 6; c++) {
            JsonNode expected = perClass.get(Integer.toString(c));
            assertThat(report.occurs(c)).as("class %d is in scikit-learn's report", c).isEqualTo(expected != null);
            if (expected == null) {
                continue;
            }
            assertThat(report.support(c)).isEqualTo(expected.get("support").asLong());
            for (Score s : Score.values()) {
                assertThat(report.score(s, c)).as("%s of class %d", s.id(), c)
                        .isCloseTo(expected.get(s.id()).asDouble(), within(TOLERANCE));
            }
        }
        for (Score s : Score.values()) {
            assertThat(report.macroAverage(s)).as("macro %s", s.id())
                    .isCloseTo(f.get("macro_avg").get(s.id()).asDouble(), within(TOLERANCE));
            assertThat(report.weightedAverage(s)).as("weighted %s", s.id())
                    .isCloseTo(f.get("weighted_avg").get(s.id()).asDouble(), within(TOLERANCE));
        }
    }

    @Test
    void theConfusionMatrixIsScikitLearnsRowsTrueColumnsPredicted() throws IOException {
        JsonNode f = fixture("classification.json");
        ClassificationReport report = fromFixture(f);
        long[][] matrix = report.confusionMatrix();
        for (int t = 0; t < 6; t++) {
            for (int p = 0; p < 6; p++) {
                assertThat(matrix[t][p]).as("true %d, predicted %d", t, p)
                        .isEqualTo(f.get("confusion_matrix").get(t).get(p).asLong());
                assertThat(report.count(t, p)).isEqualTo(matrix[t][p]);
            }
        }
        matrix[0][0] = -1;
        assertThat(report.count(0, 0)).as("a copy").isNotNegative();
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAndOneWithNoRowsRecallZero() {
        ClassificationReport report = new ClassificationReport(3);
        // class 1 is never predicted; class 2 is predicted once but never true
        report.add(new int[] {0, 0, 1, 1}, new int[] {0, 2, 0, 0});
        assertThat(report.predicted(1)).isZero();
        assertThat(report.score(Score.PRECISION, 1)).isZero();
        assertThat(report.score(Score.F1, 1)).isZero();
        assertThat(report.support(2)).isZero();
        assertThat(report.score(Score.RECALL, 2)).isZero();
        // class 0: tp 1, predicted 3 times, 2 true rows
        assertThat(report.score(Score.PRECISION, 0)).isEqualTo(1 / 3.0);
        assertThat(report.score(Score.RECALL, 0)).isEqualTo(0.5);
        assertThat(report.score(Score.F1, 0)).isEqualTo(2 * (1 / 3.0) * 0.5 / (1 / 3.0 + 0.5), within(1e-15));
        assertThat(report.accuracy()).isEqualTo(0.25);
    }

    @Test
    void rowsAddedInChunksCountTheSame() throws IOException {
        JsonNode f = fixture("classification.json");
        int[] truth = ints(f.get("truth"));
        int[] predicted = ints(f.get("predicted"));
        ClassificationReport chunked = new ClassificationReport(6);
        for (int i = 0; i < truth.length; i += 64) {
            int end = Math.min(truth.length, i + 64);
            chunked.add(java.util.Arrays.copyOfRange(truth, i, end), java.util.Arrays.copyOfRange(predicted, i, end));
        }
        assertThat(chunked.confusionMatrix()).isDeepEqualTo(fromFixture(f).confusionMatrix());
    }

    @Test
    void refusesWhatIsNotAClassAndReportsNothingOfNoRows() {
        ClassificationReport report = new ClassificationReport(2);
        assertThatThrownBy(report::accuracy).isInstanceOf(IllegalStateException.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> report.add(new int[] {0, 2}, new int[] {0, 1}))
                .hasMessage("true class 2 is not a class; expected 0 to 1");
        assertThat(report.rows()).as("a refused chunk adds no row").isZero();
        assertThatThrownBy(() -> report.add(new int[] {0}, new int[] {0, 1})).hasMessageContaining("1 true classes for 2");
        assertThatThrownBy(() -> new ClassificationReport(1)).hasMessage("classes (1) must be >= 2");
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
