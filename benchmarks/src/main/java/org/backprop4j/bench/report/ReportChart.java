package org.backprop4j.bench.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.backprop4j.bench.GemmForm;

/**
 * The report's chart: one panel per step config and dtype (steps/s per backend, each labelled
 * with its ratio to PyTorch as it comes, then PyTorch as it comes and tuned by hand), then gemm
 * GFLOP/s by size ({@code A B}) per dtype and by form at the largest size. The ratios to the
 * fastest backend are in the report's tables.
 */
public final class ReportChart {
    private ReportChart() {
    }

    /** The chart of {@code m} against {@code pytorch}. */
    public static BufferedImage render(Measurements m, PyTorchReference pytorch, String title) {
        String reference = "PyTorch " + pytorch.torchVersion();
        List<String> series = new ArrayList<>(m.backends());
        series.add(reference);
        return BarChart.render(title, panels(m, pytorch, reference), series, reference);
    }

    /** The chart's panels, PyTorch's bars in the series {@code reference}. */
    static List<BarChart.Panel> panels(Measurements m, PyTorchReference pytorch, String reference) {
        List<BarChart.Panel> panels = new ArrayList<>();
        for (String dtype : m.dtypes()) {
            for (String config : m.stepConfigs()) {
                panels.add(stepPanel(m, pytorch, reference, config, dtype));
            }
        }
        for (String dtype : m.dtypes()) {
            panels.add(gemmBySize(m, dtype));
        }
        if (!m.gemmSizes().isEmpty()) {
            panels.add(gemmByForm(m, m.gemmSizes().get(m.gemmSizes().size() - 1)));
        }
        return panels;
    }

    private static BarChart.Panel stepPanel(Measurements m, PyTorchReference pytorch, String reference, String config,
                                            String dtype) {
        OptionalDouble pt = pytorch.stepsPerSecond(config, dtype);
        List<BarChart.Group> groups = new ArrayList<>();
        for (String backend : m.backends()) {
            Optional<BenchResult> r = m.step(backend, config, dtype);
            if (r.isPresent()) {
                double s = r.get().score();
                String label = pt.isPresent() ? backend + " " + Figures.ratio(s / pt.getAsDouble()) + " PT" : backend;
                groups.add(new BarChart.Group(label, List.of(new BarChart.Bar(backend, s))));
            }
        }
        pt.ifPresent(p -> groups.add(new BarChart.Group("PyTorch", List.of(new BarChart.Bar(reference, p)))));
        OptionalDouble tuned = pytorch.tunedStepsPerSecond(config, dtype);
        tuned.ifPresent(t -> groups.add(new BarChart.Group("PyTorch tuned", List.of(new BarChart.Bar(reference, t)))));
        return new BarChart.Panel(config + " step, " + dtype, "steps/s", groups);
    }

    private static BarChart.Panel gemmBySize(Measurements m, String dtype) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (int n : m.gemmSizes()) {
            groups.add(new BarChart.Group("n=" + n, gemmBars(m, dtype, n, "AB")));
        }
        return new BarChart.Panel("gemm A B, " + dtype, "GFLOP/s", groups);
    }

    private static BarChart.Panel gemmByForm(Measurements m, int n) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (String dtype : m.dtypes()) {
            for (String form : m.gemmForms()) {
                groups.add(new BarChart.Group(GemmForm.fromId(form).formula() + " " + shortDtype(dtype),
                        gemmBars(m, dtype, n, form)));
            }
        }
        return new BarChart.Panel("gemm n=" + n + " by form", "GFLOP/s", groups);
    }

    private static List<BarChart.Bar> gemmBars(Measurements m, String dtype, int n, String form) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (String backend : m.backends()) {
            m.gemm(backend, dtype, n, form).ifPresent(r -> bars.add(
                    new BarChart.Bar(backend, Figures.gflops(Figures.gemmFlops(n), r.score()))));
        }
        return bars;
    }

    /** {@code float32} as {@code f32}. */
    private static String shortDtype(String dtype) {
        return dtype.replace("float", "f");
    }
}
