package org.backprop4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the training and validation loss per epoch as a PNG with Java2D, headless: a line per
 * curve (with a dot per epoch when there are few), epoch on the x axis, the loss on the y axis,
 * a grid, a title and a legend. The y axis is logarithmic when the finite positive losses span a
 * factor of 10 or more (so the late epochs are not squashed flat by the first), linear otherwise.
 * Non-finite losses (NaN: no validation set) are left out.
 */
public final class LossCurvePlot {
    /** Training curve colour (blue). */
    public static final Color TRAINING = new Color(31, 119, 180);
    /** Validation curve colour (orange). */
    public static final Color VALIDATION = new Color(255, 127, 14);
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private static final int LEFT = 96;
    private static final int RIGHT = WIDTH - 32;
    private static final int TOP = 56;
    private static final int BOTTOM = HEIGHT - 72;
    private static final int MARKERS_UP_TO = 60;

    private LossCurvePlot() {
    }

    /** Renders the plot and writes it to {@code out} as PNG; does not close {@code out}. */
    public static void write(OutputStream out, String title, String yLabel, double[] training, double[] validation)
            throws IOException {
        if (!ImageIO.write(render(title, yLabel, training, validation), "png", out)) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /**
     * The plot as an image of {@link #WIDTH} x {@link #HEIGHT} pixels.
     *
     * @param title      drawn above the plot
     * @param yLabel     what the loss is, e.g. {@code MSE loss (standardised targets)}
     * @param training   the training loss of epochs 1..n
     * @param validation the validation loss of epochs 1..n, or NaN where there is none
     */
    public static BufferedImage render(String title, String yLabel, double[] training, double[] validation) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int epochs = training.length;
            Axis x = Axis.epochs(epochs);
            Axis y = Axis.forValues(training, validation);
            drawGridAndTicks(g, x, y);
            g.setClip(LEFT, TOP, RIGHT - LEFT + 1, BOTTOM - TOP + 1);
            drawCurve(g, x, y, training, TRAINING, epochs <= MARKERS_UP_TO);
            drawCurve(g, x, y, validation, VALIDATION, epochs <= MARKERS_UP_TO);
            g.setClip(null);
            drawFrameAndLabels(g, title, yLabel, y);
            drawLegend(g, hasFinite(validation));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    private static void drawGridAndTicks(Graphics2D g, Axis x, Axis y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (Tick t : y.ticks()) {
            int py = (int) Math.round(yPixel(y, t.value()));
            g.setColor(t.major() ? new Color(225, 225, 225) : new Color(242, 242, 242));
            g.drawLine(LEFT, py, RIGHT, py);
            if (t.label() != null) {
                g.setColor(Color.DARK_GRAY);
                g.drawLine(LEFT - 5, py, LEFT, py);
                g.drawString(t.label(), LEFT - 9 - fm.stringWidth(t.label()), py + fm.getAscent() / 2 - 1);
            }
        }
        for (Tick t : x.ticks()) {
            int px = (int) Math.round(xPixel(x, t.value()));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(px, TOP, px, BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(px, BOTTOM, px, BOTTOM + 5);
            g.drawString(t.label(), px - fm.stringWidth(t.label()) / 2, BOTTOM + 9 + fm.getAscent());
        }
    }

    private static void drawCurve(Graphics2D g, Axis x, Axis y, double[] values, Color color, boolean markers) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double line = new Path2D.Double();
        boolean penDown = false;
        for (int i = 0; i < values.length; i++) {
            if (!y.canShow(values[i])) {
                penDown = false;
                continue;
            }
            double px = xPixel(x, i + 1);
            double py = yPixel(y, values[i]);
            if (penDown) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                penDown = true;
            }
            if (markers) {
                g.fill(new Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
            }
        }
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawFrameAndLabels(Graphics2D g, String title, String yLabel, Axis y) {
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (LEFT + RIGHT - fm.stringWidth(title)) / 2, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        fm = g.getFontMetrics();
        String xLabel = "epoch";
        g.drawString(xLabel, (LEFT + RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 22);
        String label = y.logarithmic() ? yLabel + ", log scale" : yLabel;
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(label, -(TOP + BOTTOM + fm.stringWidth(label)) / 2, 24);
        g.setTransform(saved);
    }

    private static void drawLegend(Graphics2D g, boolean withValidation) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        List<String> names = new ArrayList<>(List.of("training"));
        List<Color> colors = new ArrayList<>(List.of(TRAINING));
        if (withValidation) {
            names.add("validation");
            colors.add(VALIDATION);
        }
        int rowHeight = fm.getHeight() + 6;
        int width = 48 + fm.stringWidth("validation") + 14;
        int height = names.size() * rowHeight + 10;
        int left = RIGHT - width - 12;
        int top = TOP + 12;
        g.setColor(Color.WHITE);
        g.fillRect(left, top, width, height);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, width, height);
        for (int i = 0; i < names.size(); i++) {
            int cy = top + 5 + i * rowHeight + rowHeight / 2;
            g.setColor(colors.get(i));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(left + 10, cy, left + 38, cy);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), left + 46, cy + fm.getAscent() / 2 - 1);
        }
    }

    private static double xPixel(Axis x, double epoch) {
        return LEFT + (epoch - x.low()) / (x.high() - x.low()) * (RIGHT - LEFT);
    }

    private static double yPixel(Axis y, double value) {
        double v = y.logarithmic() ? Math.log10(value) : value;
        return BOTTOM - (v - y.low()) / (y.high() - y.low()) * (BOTTOM - TOP);
    }

    /** A tick at {@code value} (in data units), with a label or none (minor log ticks). */
    record Tick(double value, String label, boolean major) {
    }

    /**
     * An axis range; for a logarithmic axis {@code low} and {@code high} are powers of ten
     * exponents (log10 of the data).
     */
    record Axis(double low, double high, boolean logarithmic, List<Tick> ticks) {

        /** Epochs 1..n with about 8 whole-number ticks. */
        static Axis epochs(int n) {
            double low = n == 1 ? 0.5 : 1;
            double high = n == 1 ? 1.5 : n;
            long step = Math.max(1, Math.round(niceStep((n - 1) / 8.0)));
            List<Tick> ticks = new ArrayList<>();
            ticks.add(new Tick(1, "1", true));
            for (long e = step; e <= n; e += step) {
                if (e > 1) {
                    ticks.add(new Tick(e, Long.toString(e), true));
                }
            }
            return new Axis(low, high, false, ticks);
        }

        /** A range covering every finite value of both curves. */
        static Axis forValues(double[] a, double[] b) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double minPositive = Double.POSITIVE_INFINITY;
            for (double[] values : new double[][] {a, b}) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        if (v > 0) {
                            minPositive = Math.min(minPositive, v);
                        }
                    }
                }
            }
            if (min == Double.POSITIVE_INFINITY) { // nothing finite to show
                return linear(0, 1);
            }
            if (min > 0 && max / minPositive >= 10) {
                return logarithmic(minPositive, max);
            }
            return linear(min, max);
        }

        static Axis linear(double min, double max) {
            double span = max - min;
            double step = niceStep(span > 0 ? span / 6 : Math.max(Math.abs(max), 1) / 6);
            double low = Math.floor(min / step) * step;
            double high = Math.ceil(max / step) * step;
            if (high <= low) {
                high = low + step;
            }
            int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
            List<Tick> ticks = new ArrayList<>();
            for (long k = Math.round(low / step); k * step <= high + step / 2; k++) {
                ticks.add(new Tick(k * step, String.format(Locale.ROOT, "%." + decimals + "f", k * step), true));
            }
            return new Axis(low, high, false, ticks);
        }

        static Axis logarithmic(double min, double max) {
            int low = (int) Math.floor(Math.log10(min));
            int high = (int) Math.ceil(Math.log10(max));
            boolean labelMinor = high - low <= 2;
            List<Tick> ticks = new ArrayList<>();
            for (int e = low; e <= high; e++) {
                double decade = Math.pow(10, e);
                ticks.add(new Tick(decade, format(decade), true));
                if (e < high) {
                    for (int m = 2; m <= 9; m++) {
                        boolean labelled = labelMinor && (m == 2 || m == 5);
                        ticks.add(new Tick(m * decade, labelled ? format(m * decade) : null, false));
                    }
                }
            }
            return new Axis(low, high, true, ticks);
        }

        boolean canShow(double v) {
            return Double.isFinite(v) && (!logarithmic || v > 0);
        }

        private static String format(double v) {
            double abs = Math.abs(v);
            if (abs != 0 && (abs < 1e-3 || abs >= 1e5)) {
                return String.format(Locale.ROOT, "%.0e", v);
            }
            return String.format(Locale.ROOT, "%s", trim(v));
        }

        private static String trim(double v) {
            String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }
}
