package org.backprop4j.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.backprop4j.nn.io.AtomicFile;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Grouped bar charts drawn with XChart, headless: a grid of panels under a title, each panel an
 * XChart category chart with its own linear y axis from 0, groups of bars along x, each bar
 * labelled with its value, and a legend of the series it shows. A panel with nothing measured
 * says so.
 */
public final class BarChart {
    /** One bar: its series (which fixes the colour) and its height; NaN for none. */
    public record Bar(String series, double value) {
    }

    /** Bars side by side under one x-axis label. */
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

        /** Whether some bar has a value. */
        boolean measured() {
            return groups.stream().flatMap(g -> g.bars().stream()).anyMatch(b -> !Double.isNaN(b.value()));
        }
    }

    static final int PANEL_WIDTH = 560;
    static final int PANEL_HEIGHT = 360;
    private static final int COLUMNS = 3;
    private static final int HEADER = 40;
    private static final Color INK = new Color(0x222222);
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
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int rows = Math.max(1, (panels.size() + COLUMNS - 1) / COLUMNS);
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, 16, 28);
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D p = (Graphics2D) g.create((i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT,
                        PANEL_WIDTH, PANEL_HEIGHT);
                try {
                    Panel panel = panels.get(i);
                    if (panel.measured()) {
                        chart(panel, series, referenceSeries).paint(p, PANEL_WIDTH, PANEL_HEIGHT);
                    } else {
                        p.setColor(INK);
                        p.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 14));
                        p.drawString(panel.title() + ": not measured", 16, PANEL_HEIGHT / 2);
                    }
                } finally {
                    p.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The XChart chart of one measured panel: a category per group, a series per series of
     * {@code series} that has a bar in it (null where a group has none of its bars). When no group
     * has more than one bar, the bars are overlapped, so each stands centred over its label.
     */
    static CategoryChart chart(Panel panel, List<String> series, String referenceSeries) {
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(panel.title() + " (" + panel.unit() + ")").build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLabelsVisible(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLabelsFontColor(INK);
        styler.setLabelsPosition(1.0); // the value above its bar
        styler.setYAxisMin(0.0);
        styler.setOverlapped(panel.groups().stream().allMatch(g -> g.bars().size() <= 1));
        chart.setCustomYAxisTickLabelsFormatter(BarChart::axisLabel);
        List<String> labels = panel.groups().stream().map(Group::label).toList();
        for (String s : series) {
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (Group group : panel.groups()) {
                Double v = group.bars().stream().filter(b -> b.series().equals(s) && !Double.isNaN(b.value()))
                        .map(Bar::value).findFirst().orElse(null);
                values.add(v);
                any |= v != null;
            }
            if (any) {
                CategorySeries bars = chart.addSeries(s, labels, values);
                bars.setFillColor(colour(s, series, referenceSeries));
            }
        }
        return chart;
    }

    /** Writes {@code image} as a PNG file, atomically. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            AtomicFile.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this JVM");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
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

    /**
     * A grid value or a bar's value, short: {@code 0}, {@code 0.05}, {@code 40}, {@code 2,000},
     * {@code 800k}, {@code 1.5M}; at most three significant digits, no trailing zeros.
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

    /** Series names to colours, for tests and legends elsewhere. */
    static Map<String, Color> colours(List<String> series, String referenceSeries) {
        Map<String, Color> map = new LinkedHashMap<>();
        series.forEach(s -> map.put(s, colour(s, series, referenceSeries)));
        return map;
    }
}
