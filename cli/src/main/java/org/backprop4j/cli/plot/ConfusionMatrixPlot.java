package org.backprop4j.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * A confusion matrix as an XChart heat map drawn to PNG, headless: a row per true class from the
 * top, a column per predicted class from the left, both in the order of the labels given (as
 * model.json stores them), each cell holding its count and shaded from {@link #FEWEST} (0 rows)
 * to {@link #MOST} (the largest count), with the colour scale beside it. The cells are at least
 * {@value #CELL} pixels square, so the image grows with the number of classes.
 */
public final class ConfusionMatrixPlot {
    /** The colour of a cell of 0 rows. */
    public static final Color FEWEST = new Color(247, 251, 255);
    /** The colour of the cell of the most rows. */
    public static final Color MOST = new Color(33, 113, 181);
    /** The smallest image: width and height in pixels. */
    public static final int MIN_SIZE = 640;
    /** The smallest cell, in pixels. */
    static final int CELL = 48;
    /** Room around the cells for the title, the axes and the colour scale. */
    private static final int MARGIN_WIDTH = 240;
    private static final int MARGIN_HEIGHT = 160;

    private ConfusionMatrixPlot() {
    }

    /** Writes the chart to {@code out} as PNG; does not close {@code out}; see {@link #chart}. */
    public static void write(OutputStream out, String title, String column, List<String> labels, long[][] counts)
            throws IOException {
        ChartImages.writePng(chart(title, column, labels, counts), out);
    }

    /** The chart as an image; see {@link #chart}. */
    public static BufferedImage render(String title, String column, List<String> labels, long[][] counts) {
        return ChartImages.render(chart(title, column, labels, counts));
    }

    /**
     * The heat map.
     *
     * @param title  drawn above it
     * @param column the class column's name, for the axis titles ({@code true digit}, {@code predicted digit})
     * @param labels the class labels, in order
     * @param counts {@code counts[t][p]}: the rows of class {@code labels[t]} predicted as {@code labels[p]};
     *               one row and one column per label; not modified
     * @throws IllegalArgumentException when {@code counts} is not square with one row per label, or a count is negative
     */
    public static HeatMapChart chart(String title, String column, List<String> labels, long[][] counts) {
        int k = labels.size();
        if (k == 0 || counts.length != k) {
            throw new IllegalArgumentException(counts.length + " rows of counts for " + k
                    + " labels; expected one row per label, at least one");
        }
        ChartImages.headless();
        long most = 0;
        List<Number[]> cells = new ArrayList<>(k * k);
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("row " + t + " of the counts has " + counts[t].length
                        + " columns; expected " + k + ", one per label");
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("count [" + t + "][" + p + "] is " + counts[t][p]
                            + "; expected >= 0");
                }
                most = Math.max(most, counts[t][p]);
                // XChart draws y index 0 at the bottom: the first true class goes to the top row
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
            }
        }
        int size = Math.max(MIN_SIZE, CELL * k);
        HeatMapChart chart = new HeatMapChartBuilder().width(size + MARGIN_WIDTH).height(size + MARGIN_HEIGHT)
                .title(title).xAxisTitle("predicted " + column).yAxisTitle("true " + column).build();
        HeatMapStyler styler = chart.getStyler();
        ChartImages.plainBackground(styler);
        styler.setRangeColors(new Color[] {FEWEST, MOST});
        styler.setMin(0);
        styler.setMax(Math.max(1, most)); // all zeros: one colour, without dividing by a range of 0
        styler.setShowValue(true);
        styler.setHeatMapValueDecimalPattern("#");
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k <= 20 ? 14 : 10));
        styler.setValueFontColor(Color.BLACK);
        styler.setPlotContentSize(1.0);
        styler.setDrawBorder(false);
        List<String> reversed = new ArrayList<>(labels);
        Collections.reverse(reversed);
        chart.addSeries("rows", labels, reversed, cells);
        return chart;
    }
}
