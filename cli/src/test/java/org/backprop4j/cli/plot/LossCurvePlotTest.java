package org.backprop4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.None;

/** {@link LossCurvePlot}: the chart model it builds and facts of the image XChart draws from it. */
class LossCurvePlotTest {
    private static final double[] GENTLE = {1.0, 0.8, 0.7, 0.65, 0.6};
    private static final double[] STEEP = {1.0, 0.1, 0.01, 0.005, 0.001};
    private static final double[] NONE = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};

    @Test
    void theAxisIsLogarithmicOnlyWhenPositiveLossesSpanTenfold() {
        XYChart steep = LossCurvePlot.chart("t", "mse loss", STEEP, NONE);
        assertThat(steep.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(steep.getYAxisTitle()).isEqualTo("mse loss, log scale");
        XYChart gentle = LossCurvePlot.chart("t", "mse loss", GENTLE, NONE);
        assertThat(gentle.getStyler().isYAxisLogarithmic()).isFalse();
        assertThat(gentle.getYAxisTitle()).isEqualTo("mse loss");
        double[] withZero = STEEP.clone();
        withZero[4] = 0; // log 0 is -infinity: a linear axis
        assertThat(LossCurvePlot.chart("t", "l", withZero, NONE).getStyler().isYAxisLogarithmic()).isFalse();
        assertThat(LossCurvePlot.logarithmic(new double[] {10, 1}, new double[] {Double.NaN, Double.NaN})).isTrue();
        assertThat(LossCurvePlot.logarithmic(new double[] {9.99, 1}, new double[] {Double.NaN, 2})).isFalse();
    }

    @Test
    void aCurvePerSplitWithEpochsFromOneAndMarkersForFewEpochs() {
        XYChart chart = LossCurvePlot.chart("title", "loss", GENTLE, STEEP);
        assertThat(chart.getTitle()).isEqualTo("title");
        assertThat(chart.getXAxisTitle()).isEqualTo("epoch");
        assertThat(chart.getSeriesMap()).containsOnlyKeys("training", "validation");
        XYSeries training = chart.getSeriesMap().get("training");
        assertThat(training.getXData()).containsExactly(1, 2, 3, 4, 5);
        assertThat(training.getYData()).containsExactly(GENTLE);
        assertThat(training.getLineColor()).isEqualTo(LossCurvePlot.TRAINING);
        assertThat(chart.getSeriesMap().get("validation").getLineColor()).isEqualTo(LossCurvePlot.VALIDATION);
        assertThat(training.getMarker()).isNotInstanceOf(None.class);

        double[] many = new double[61];
        java.util.Arrays.fill(many, 1);
        assertThat(LossCurvePlot.chart("t", "l", many, many).getSeriesMap().get("training").getMarker())
                .as("61 epochs: no dots").isInstanceOf(None.class);
        assertThat(LossCurvePlot.chart("t", "l", GENTLE, NONE).getSeriesMap()).as("no validation set")
                .containsOnlyKeys("training");
    }

    @Test
    void infinitiesAreGapsAndMismatchedCurvesAreRefused() {
        double[] diverged = {1, Double.POSITIVE_INFINITY, 0.5};
        XYChart chart = LossCurvePlot.chart("t", "l", diverged, diverged);
        assertThat(chart.getSeriesMap().get("training").getYData()).containsExactly(1, Double.NaN, 0.5);
        assertThat(diverged[1]).as("the argument is not modified").isInfinite();
        assertThat(LossCurvePlot.render("t", "l", diverged, diverged).getWidth()).isEqualTo(LossCurvePlot.WIDTH);
        assertThatThrownBy(() -> LossCurvePlot.chart("t", "l", GENTLE, new double[2]))
                .hasMessageContaining("5 training and 2 validation losses");
    }

    @Test
    void thePngShowsARisingValidationCurveAboveAFallingTrainingCurveAtTheEnd() throws Exception {
        double[] training = {1.0, 0.7, 0.5, 0.4, 0.35, 0.3};
        double[] validation = {1.1, 0.8, 0.7, 0.75, 0.85, 0.95};
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        LossCurvePlot.write(png, "t", "mse loss", training, validation);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(image.getWidth()).isEqualTo(LossCurvePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LossCurvePlot.HEIGHT);
        int[] trainingEnd = rightmost(image, LossCurvePlot.TRAINING);
        int[] validationEnd = rightmost(image, LossCurvePlot.VALIDATION);
        assertThat(trainingEnd[0]).as("the curves reach across the plot").isGreaterThan(LossCurvePlot.WIDTH * 3 / 4);
        assertThat(validationEnd[1]).as("higher loss, higher on the image").isLessThan(trainingEnd[1] - 100);
    }

    @Test
    void theKeptEpochIsMarkedOnItsValidationLossOrItsTrainingLossWithoutOne() {
        XYChart chart = LossCurvePlot.chart("t", "l", GENTLE, STEEP, 3);
        XYSeries kept = chart.getSeriesMap().get("kept epoch 3");
        assertThat(kept.getXData()).containsExactly(3.0);
        assertThat(kept.getYData()).containsExactly(STEEP[2]);
        assertThat(LossCurvePlot.chart("t", "l", GENTLE, NONE, 2).getSeriesMap().get("kept epoch 2").getYData())
                .as("no validation loss: on the training curve").containsExactly(GENTLE[1]);
        assertThat(LossCurvePlot.chart("t", "l", GENTLE, STEEP, 0).getSeriesMap()).as("0 marks none")
                .containsOnlyKeys("training", "validation");
        assertThatThrownBy(() -> LossCurvePlot.chart("t", "l", GENTLE, STEEP, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("kept epoch (6) must be in 0..5; 0 marks none");
    }

    /** The rightmost pixel of {@code colour} below the legend, as {x, y}. */
    private static int[] rightmost(BufferedImage image, Color colour) {
        for (int x = image.getWidth() - 1; x >= 0; x--) {
            for (int y = 140; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("no pixel of " + colour);
    }
}
