package org.backprop4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training and validation loss per epoch, as an XChart line chart drawn to PNG, headless:
 * epoch on the x axis, the loss on the y axis, a line per curve with a dot per epoch when there
 * are at most {@value #MARKERS_UP_TO} epochs, a title and a legend. The y axis is logarithmic when
 * every finite loss is positive and they span a factor of 10 or more (so the late epochs are not
 * squashed flat by the first), linear otherwise. Non-finite losses (NaN: no validation set; an
 * infinity) are left out as gaps; a curve with no finite loss is not drawn. The epoch whose weights
 * a run kept (early stopping's best) may be marked: a black diamond on its validation loss (on its
 * training loss when it has none), in the legend as {@code kept epoch N}.
 */
public final class LossCurvePlot {
    /** Training curve colour (blue). */
    public static final Color TRAINING = new Color(31, 119, 180);
    /** Validation curve colour (orange). */
    public static final Color VALIDATION = new Color(255, 127, 14);
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /** The kept epoch's marker colour (black). */
    public static final Color KEPT = Color.BLACK;

    private static final int MARKERS_UP_TO = 60;

    private LossCurvePlot() {
    }

    /** Renders the chart and writes it to {@code out} as PNG; does not close {@code out}. */
    public static void write(OutputStream out, String title, String yLabel, double[] training, double[] validation)
            throws IOException {
        write(out, title, yLabel, training, validation, 0);
    }

    /**
     * As {@link #write(OutputStream, String, String, double[], double[])}, marking {@code keptEpoch}
     * (see {@link #chart(String, String, double[], double[], int)}).
     */
    public static void write(OutputStream out, String title, String yLabel, double[] training, double[] validation,
                             int keptEpoch) throws IOException {
        ChartImages.writePng(chart(title, yLabel, training, validation, keptEpoch), out);
    }

    /** The chart as an image of {@link #WIDTH} x {@link #HEIGHT} pixels; see {@link #chart}. */
    public static BufferedImage render(String title, String yLabel, double[] training, double[] validation) {
        return ChartImages.render(chart(title, yLabel, training, validation));
    }

    /**
     * The chart.
     *
     * @param title      drawn above the plot
     * @param yLabel     what the loss is, e.g. {@code mse loss (standardised targets)}; {@code ", log scale"}
     *                   is added when the axis is logarithmic
     * @param training   the training loss of epochs 1..n; not modified
     * @param validation the validation loss of epochs 1..n, NaN where there is none; not modified
     * @throws IllegalArgumentException when the two have different lengths or there are no epochs
     */
    public static XYChart chart(String title, String yLabel, double[] training, double[] validation) {
        return chart(title, yLabel, training, validation, 0);
    }

    /**
     * The chart, with the kept epoch marked.
     *
     * @param keptEpoch the epoch whose weights the run kept, from 1, marked on its validation loss (its
     *                  training loss when that is NaN); 0 marks none; an epoch whose losses are both not
     *                  finite is not marked
     * @throws IllegalArgumentException as {@link #chart(String, String, double[], double[])}, and for a
     *                                  {@code keptEpoch} outside {@code 0 .. epochs}
     */
    public static XYChart chart(String title, String yLabel, double[] training, double[] validation, int keptEpoch) {
        if (training.length != validation.length || training.length == 0) {
            throw new IllegalArgumentException(training.length + " training and " + validation.length
                    + " validation losses; expected one of each per epoch, at least one epoch");
        }
        ChartImages.headless();
        double[] epochs = IntStream.rangeClosed(1, training.length).asDoubleStream().toArray();
        double[] t = finiteOrNaN(training);
        double[] v = finiteOrNaN(validation);
        boolean logarithmic = logarithmic(t, v);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(logarithmic ? yLabel + ", log scale" : yLabel).build();
        XYStyler styler = chart.getStyler();
        ChartImages.plainBackground(styler);
        styler.setYAxisLogarithmic(logarithmic);
        styler.setLegendPosition(LegendPosition.InsideNE);
        styler.setXAxisDecimalPattern("#");
        boolean markers = training.length <= MARKERS_UP_TO;
        curve(chart, "training", epochs, t, TRAINING, markers);
        if (IntStream.range(0, v.length).anyMatch(i -> !Double.isNaN(v[i]))) {
            curve(chart, "validation", epochs, v, VALIDATION, markers);
        }
        if (keptEpoch < 0 || keptEpoch > training.length) {
            throw new IllegalArgumentException("kept epoch (" + keptEpoch + ") must be in 0.." + training.length
                    + "; 0 marks none");
        }
        if (keptEpoch > 0) {
            double at = Double.isNaN(v[keptEpoch - 1]) ? t[keptEpoch - 1] : v[keptEpoch - 1];
            if (!Double.isNaN(at)) {
                XYSeries kept = chart.addSeries("kept epoch " + keptEpoch, new double[] {keptEpoch},
                        new double[] {at});
                kept.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                kept.setMarker(SeriesMarkers.DIAMOND);
                kept.setMarkerColor(KEPT);
            }
        }
        return chart;
    }

    private static void curve(XYChart chart, String name, double[] epochs, double[] losses, Color color,
                              boolean markers) {
        XYSeries series = chart.addSeries(name, epochs, losses);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /** A copy with every infinity replaced by NaN, which XChart leaves out as a gap. */
    private static double[] finiteOrNaN(double[] losses) {
        double[] out = losses.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** Whether the finite values, all positive, span a factor of 10 or more. */
    static boolean logarithmic(double[] a, double[] b) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : new double[][] {a, b}) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min > 0 && max / min >= 10;
    }
}
