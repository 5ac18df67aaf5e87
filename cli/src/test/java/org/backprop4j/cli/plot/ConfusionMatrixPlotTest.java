package org.backprop4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

/** {@link ConfusionMatrixPlot}: where each count goes, and facts of the image XChart draws. */
class ConfusionMatrixPlotTest {
    private static final List<String> TWO = List.of("-1", "7");

    @Test
    void rowsAreTrueClassesFromTheTopAndColumnsPredictedFromTheLeft() {
        HeatMapChart chart = ConfusionMatrixPlot.chart("t", "kind", TWO, new long[][] {{5, 1}, {2, 3}});
        assertThat(chart.getXAxisTitle()).isEqualTo("predicted kind");
        assertThat(chart.getYAxisTitle()).isEqualTo("true kind");
        assertThat(List.copyOf(chart.getHeatMapSeries().getXData())).isEqualTo(List.of("-1", "7"));
        assertThat(List.copyOf(chart.getHeatMapSeries().getYData())).as("XChart draws y from the bottom")
                .isEqualTo(List.of("7", "-1"));
        // {x = predicted, y = position from the bottom, count}: true -1 predicted 7 is the top right
        assertThat(chart.getHeatMapSeries().getHeatData()).extracting(cell -> List.of(cell))
                .containsExactly(List.of(0, 1, 5L), List.of(1, 1, 1L), List.of(0, 0, 2L), List.of(1, 0, 3L));
    }

    @Test
    void theFullestCellIsDrawnWhereItsTrueAndPredictedClassesMeet() {
        // only one cell holds rows: the image is MOST there and FEWEST in the other cells
        assertThat(quadrantOfMost(new long[][] {{9, 0}, {0, 0}})).isEqualTo("top left");
        assertThat(quadrantOfMost(new long[][] {{0, 9}, {0, 0}})).isEqualTo("top right");
        assertThat(quadrantOfMost(new long[][] {{0, 0}, {9, 0}})).isEqualTo("bottom left");
        assertThat(quadrantOfMost(new long[][] {{0, 0}, {0, 9}})).isEqualTo("bottom right");
    }

    @Test
    void theImageGrowsWithTheClassesAndNoRowsIsOneColour() {
        BufferedImage small = ConfusionMatrixPlot.render("t", "c", TWO, new long[2][2]);
        assertThat(small.getHeight()).isGreaterThanOrEqualTo(ConfusionMatrixPlot.MIN_SIZE);
        assertThat(count(small, ConfusionMatrixPlot.MOST)).as("all zeros: every cell is FEWEST").isLessThan(2_000);
        assertThat(count(small, ConfusionMatrixPlot.FEWEST)).isGreaterThan(200_000);
        List<String> thirty = IntStream.range(0, 30).mapToObj(Integer::toString).toList();
        BufferedImage large = ConfusionMatrixPlot.render("t", "c", thirty, new long[30][30]);
        assertThat(large.getHeight()).isGreaterThan(30 * ConfusionMatrixPlot.CELL);
        assertThat(large.getWidth()).isGreaterThan(30 * ConfusionMatrixPlot.CELL);
    }

    @Test
    void countsThatAreNotASquareOfTheLabelsAreRefused() {
        assertThatThrownBy(() -> ConfusionMatrixPlot.chart("t", "c", TWO, new long[3][2]))
                .hasMessage("3 rows of counts for 2 labels; expected one row per label, at least one");
        assertThatThrownBy(() -> ConfusionMatrixPlot.chart("t", "c", TWO, new long[][] {{1, 2}, {3}}))
                .hasMessage("row 1 of the counts has 1 columns; expected 2, one per label");
        assertThatThrownBy(() -> ConfusionMatrixPlot.chart("t", "c", TWO, new long[][] {{1, 2}, {3, -1}}))
                .hasMessage("count [1][1] is -1; expected >= 0");
    }

    /** The quadrant of the image that holds most of the pixels of {@link ConfusionMatrixPlot#MOST}. */
    private static String quadrantOfMost(long[][] counts) {
        BufferedImage image = ConfusionMatrixPlot.render("t", "kind", TWO, counts);
        int[][] quadrants = new int[2][2];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (ConfusionMatrixPlot.MOST.getRGB() & 0xffffff)) {
                    quadrants[2 * y / image.getHeight()][2 * x / image.getWidth()]++;
                }
            }
        }
        int total = quadrants[0][0] + quadrants[0][1] + quadrants[1][0] + quadrants[1][1];
        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 2; column++) {
                if (quadrants[row][column] > total * 0.9) {
                    return (row == 0 ? "top" : "bottom") + " " + (column == 0 ? "left" : "right");
                }
            }
        }
        throw new AssertionError("no quadrant holds 90% of the fullest cell's pixels: "
                + java.util.Arrays.deepToString(quadrants));
    }

    private static int count(BufferedImage image, java.awt.Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
