package org.backprop4j.cli.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * XChart charts as PNG images, drawn headless: no display is needed or opened. The caller
 * writes the bytes where it wants them (through {@code AtomicFile} or a model directory's writer),
 * so that a failed write leaves nothing half-written.
 */
final class ChartImages {
    private ChartImages() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless it was set, before any chart touches AWT: a
     * command-line tool never opens a window, and without a display AWT would fail to start.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** White chart and plot backgrounds with light grey grid lines, the house look of every chart. */
    static void plainBackground(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setLegendBorderColor(Color.GRAY);
    }

    /** The chart drawn at its own size. */
    static BufferedImage render(Chart<?, ?> chart) {
        headless();
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Writes {@code chart} to {@code out} as PNG; does not close {@code out}.
     *
     * @throws IOException when writing fails, or this JVM has no PNG writer
     */
    static void writePng(Chart<?, ?> chart, OutputStream out) throws IOException {
        if (!ImageIO.write(render(chart), "png", out)) {
            throw new IOException("no PNG writer in this JVM");
        }
    }
}
