package org.backprop4j.bench.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.backprop4j.bench.GemmForm;

/**
 * The report's chart: one panel per step config and dtype (steps/s per backend and PyTorch,
 * each bar noted with its ratio to the fastest backend and to PyTorch), then gemm GFLOP/s by
 * size ({@code A B}) per dtype and by form at the largest size.
 */
public final class ReportChart {
    private ReportChart() {
    }

    /** The chart of {@code m} against {@code pytorch}. */
    public static BufferedImage render(Measurements m, PyTorchReference pytorch, String title) {
        String reference = "PyTorch " + pytorch.torchVersion();
        List<String> series = new ArrayList<>(m.backends());
        series.add(reference);
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
        return BarChart.render(title, panels, series, reference);
    }

    private static BarChart.Panel stepPanel(Measurements m, PyTorchReference pytorch, String reference, String config,
                                            String dtype) {
        double best = m.fastestStep(config, dtype).map(BenchResult::score).orElse(Double.NaN);
        OptionalDouble pt = pytorch.stepsPerSecond(config, dtype);
        List<BarChart.Group> groups = new ArrayList<>();
        for (String backend : m.backends()) {
            Optional<BenchResult> r = m.step(backend, config, dtype);
            if (r.isPresent()) {
                double s = r.get().score();
                List<String> notes = new ArrayList<>();
                notes.add(Figures.ratio(s / best) + " best");
                pt.ifPresent(p -> notes.add(Figures.ratio(s / p) + " PT"));
                groups.add(new BarChart.Group(backend, List.of(new BarChart.Bar(backend, s, notes))));
            }
        }
        pt.ifPresent(p -> groups.add(new BarChart.Group("PyTorch", List.of(
                new BarChart.Bar(reference, p, List.of(Figures.ratio(p / best) + " best"))))));
        OptionalDouble tuned = pytorch.tunedStepsPerSecond(config, dtype);
        tuned.ifPresent(t -> groups.add(new BarChart.Group("PyTorch tuned", List.of(
                new BarChart.Bar(reference, t, List.of(Figures.ratio(t / best) + " best"))))));
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
                    new BarChart.Bar(backend, Figures.gflops(Figures.gemmFlops(n), r.score()), List.of())));
        }
        return bars;
    }

    /** {@code float32} as {@code f32}. */
    private static String shortDtype(String dtype) {
        return dtype.replace("float", "f");
    }
}
