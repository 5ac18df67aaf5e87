package org.backprop4j.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.backprop4j.nn.io.AtomicFile;

/**
 * Grouped bar charts drawn with Java2D, headless: a grid of panels, each with its own linear
 * y axis starting at 0, groups of bars along x, and up to two annotation lines under each bar
 * (e.g. its ratio to the fastest and to PyTorch).
 */
public final class BarChart {
    /** One bar: its series (which fixes the colour), height, and the lines printed under it. */
    public record Bar(String series, double value, List<String> notes) {
        public Bar {
            notes = List.copyOf(notes);
        }
    }

    /** Bars side by side under one x-axis label (the label may be empty). */
    public record Group(String label, List<Bar> bars) {
        public Group {
            bars = List.copyOf(bars);
        }
    }

    /** One chart: a title, the unit of its y axis, its groups. */
    public record Panel(String title, String unit, List<Group> groups) {
        public Panel {
            groups = List.copyOf(groups);
        }
    }

    static final int PANEL_WIDTH = 460;
    static final int PANEL_HEIGHT = 330;
    private static final int COLUMNS = 3;
    private static final int HEADER = 56;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    /** The shipped backends keep their colour whichever of them a run measured. */
    private static final Map<String, Color> FIXED = Map.of("naive", new Color(0x4C78A8), "ejml", new Color(0xF58518),
            "nd4j", new Color(0x54A24B));
    private static final Color[] PALETTE = {new Color(0xB279A2), new Color(0xE45756), new Color(0x72B7B2),
            new Color(0xEECA3B)};
    private static final Color REFERENCE = new Color(0x9D9D9D);

    private BarChart() {
    }

    /**
     * Draws {@code panels} in rows of three under {@code title}. Series are coloured in the
     * order of {@code series}; the series named {@code referenceSeries} is grey.
     */
    public static BufferedImage render(String title, List<Panel> panels, List<String> series, String referenceSeries) {
        int rows = Math.max(1, (panels.size() + COLUMNS - 1) / COLUMNS);
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, 16, 26);
            legend(g, series, referenceSeries);
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D p = (Graphics2D) g.create((i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT,
                        PANEL_WIDTH, PANEL_HEIGHT);
                try {
                    panel(p, panels.get(i), series, referenceSeries);
                } finally {
                    p.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes {@code image} as a PNG file. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            AtomicFile.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IllegalStateException("no PNG writer in this JDK");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    private static void legend(Graphics2D g, List<String> series, String referenceSeries) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int x = 16;
        for (String s : series) {
            g.setColor(colour(s, series, referenceSeries));
            g.fillRect(x, 36, 12, 12);
            g.setColor(INK);
            g.drawString(s, x + 16, 47);
            x += 16 + fm.stringWidth(s) + 18;
        }
    }

    private static Color colour(String s, List<String> series, String referenceSeries) {
        if (s.equals(referenceSeries)) {
            return REFERENCE;
        }
        if (FIXED.containsKey(s)) {
            return FIXED.get(s);
        }
        List<String> others = series.stream().filter(o -> !FIXED.containsKey(o) && !o.equals(referenceSeries)).toList();
        return PALETTE[Math.floorMod(others.indexOf(s), PALETTE.length)];
    }

    private static void panel(Graphics2D g, Panel panel, List<String> series, String referenceSeries) {
        int left = 58;
        int right = PANEL_WIDTH - 14;
        int top = 40;
        int bottom = PANEL_HEIGHT - 62;
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title() + " (" + panel.unit() + ")", 12, 20);
        double max = panel.groups().stream().flatMap(gr -> gr.bars().stream()).mapToDouble(Bar::value)
                .filter(v -> !Double.isNaN(v)).max().orElse(0);
        if (max <= 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
            g.drawString("not measured", left + 20, (top + bottom) / 2);
            return;
        }
        double step = niceStep(max * 1.15 / 4);
        double axisMax = step * Math.ceil(max * 1.15 / step);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double v = 0; v <= axisMax + step / 2; v += step) {
            int y = bottom - (int) Math.round((bottom - top) * v / axisMax);
            g.setColor(GRID);
            g.drawLine(left, y, right, y);
            g.setColor(INK);
            String label = axisLabel(v);
            g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
        }
        g.setStroke(new BasicStroke(1f));
        g.drawLine(left, bottom, right, bottom);

        int groupCount = panel.groups().size();
        double groupWidth = (double) (right - left) / groupCount;
        for (int gi = 0; gi < groupCount; gi++) {
            Group group = panel.groups().get(gi);
            int n = Math.max(1, group.bars().size());
            double barWidth = Math.min(64, groupWidth * 0.8 / n);
            double x0 = left + gi * groupWidth + (groupWidth - barWidth * n) / 2;
            for (int bi = 0; bi < group.bars().size(); bi++) {
                Bar bar = group.bars().get(bi);
                int x = (int) Math.round(x0 + bi * barWidth);
                int w = (int) Math.round(barWidth) - 3;
                int centre = x + w / 2;
                if (!Double.isNaN(bar.value())) {
                    int h = (int) Math.round((bottom - top) * bar.value() / axisMax);
                    g.setColor(colour(bar.series(), series, referenceSeries));
                    g.fillRect(x, bottom - h, w, h);
                    g.setColor(INK);
                    centred(g, Figures.rate(bar.value()), centre, bottom - h - 4);
                }
                g.setColor(INK);
                for (int li = 0; li < bar.notes().size(); li++) {
                    centred(g, bar.notes().get(li), centre, bottom + 14 + 13 * li);
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            centred(g, group.label(), (int) Math.round(left + (gi + 0.5) * groupWidth),
                    bottom + 14 + 13 * maxNotes(panel) + 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
    }

    private static int maxNotes(Panel panel) {
        return panel.groups().stream().flatMap(gr -> gr.bars().stream()).mapToInt(b -> b.notes().size()).max().orElse(0);
    }

    private static void centred(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /**
     * A grid value, short: {@code 0}, {@code 0.05}, {@code 40}, {@code 2,000}, {@code 800k},
     * {@code 1.5M}; at most three significant digits, no trailing zeros.
     */
    static String axisLabel(double v) {
        if (v >= 1e6) {
            return plain(v / 1e6) + "M";
        }
        if (v >= 1e4) {
            return plain(v / 1e3) + "k";
        }
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : plain(v);
    }

    private static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}: grid spacing people read easily. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Series names to colours, for tests and legends elsewhere. */
    static Map<String, Color> colours(List<String> series, String referenceSeries) {
        Map<String, Color> map = new LinkedHashMap<>();
        series.forEach(s -> map.put(s, colour(s, series, referenceSeries)));
        return map;
    }
}
