package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void mseIsTheMeanOverAllElements() {
        assertThat(Metrics.mse(new double[] {1, 2, 3, 4}, new double[] {1, 0, 3, 0})).isEqualTo((4 + 16) / 4.0);
    }

    @Test
    void r2PerColumnAveraged() {
        double[] targets = {1, 10, 2, 20, 3, 30};
        // column 0 exact (R^2 1); column 1 predicts the mean 20 everywhere (R^2 0)
        assertThat(Metrics.r2(new double[] {1, 20, 2, 20, 3, 20}, targets, 2)).isEqualTo(0.5);
        // column 0: residuals 1, 0, 1 over spread 2 gives 1 - 2/2 = 0; column 1: 1 - 4/200
        double expected = (0 + (1 - (4.0 + 0 + 0) / 200)) / 2;
        assertThat(Metrics.r2(new double[] {2, 12, 2, 20, 2, 30}, targets, 2)).isCloseTo(expected, within(1e-15));
        assertThat(Metrics.r2(new double[] {3, 2, 1}, new double[] {1, 2, 3}, 1)).isEqualTo(1 - 8 / 2.0);
    }

    @Test
    void r2OfAConstantColumnIsUndefined() {
        assertThat(Metrics.r2(new double[] {5, 5}, new double[] {5, 5}, 1)).isNaN();
        assertThat(Metrics.r2(new double[] {5, 6}, new double[] {5, 5}, 1)).isNaN();
        assertThat(Metrics.r2(new double[] {1, 5, 2, 5}, new double[] {1, 5, 2, 5}, 2)).as("one constant column").isNaN();
        assertThat(Metrics.r2(new double[] {Double.NaN, 2}, new double[] {1, 2}, 1)).isNaN();
    }

    @Test
    void argmaxTakesTheFirstMaximumAndSkipsNaN() {
        double[] scores = {0.1, 0.7, 0.7, 0.2,
                           Double.NaN, 0.3, 0.5, 0.1,
                           Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                           -1, -2, -3, -0.5};
        assertThat(Metrics.argmax(scores, 4)).containsExactly(1, 2, 0, 3);
    }

    @Test
    void accuracyCountsMatchingRows() {
        double[] scores = {0.9, 0.1, 0.2, 0.8, 0.6, 0.4};
        assertThat(Metrics.accuracy(scores, 2, new int[] {0, 1, 1})).isEqualTo(2.0 / 3);
        assertThatThrownBy(() -> Metrics.accuracy(scores, 2, new int[] {0})).hasMessageContaining("3 score rows");
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> Metrics.mse(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("1 predictions for 2 targets");
        assertThatThrownBy(() -> Metrics.r2(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 2))
                .hasMessageContaining("not whole rows of width 2");
    }
}
