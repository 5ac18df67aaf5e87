package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void markdownHasEnvironmentTargetsAndEveryTable() {
        Measurements m = new Measurements(Fixtures.results());
        PyTorchReference pytorch = Fixtures.pytorch().atThreads(2);
        String md = MarkdownReport.render(m, Fixtures.environment(), pytorch, Targets.evaluate(m, pytorch), "chart.png");
        assertThat(md).contains("Measured 2025-01-02T03:04:05Z (quick run) with `./backprop4j bench --quick`.")
                .contains("| CPU flags (SIMD) | avx avx2 fma avx512f |")
                .contains("| nd4j's BLAS and kernel | OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake) |")
                .contains("| Load average (1/5/15 min) | before 0.10 0.20 0.30, after 1.10 0.50 0.40 |")
                .contains("| PyTorch reference | torch 1.13.1 at 2 threads (as it comes, and tuned by hand), OpenBLAS, Test CPU, 2 logical CPUs, measured 2025-01-01T00:00:00+00:00 |")
                .contains("- `ejml`: not discovered")
                .contains("| step efficiency |").contains("| **missed** |")
                .contains("![Training-step throughput per backend and configuration, and gemm GFLOP/s](chart.png)");
        // steps: ratio to the fastest backend and to PyTorch, matmul GFLOP/s, heap bytes per step
        assertThat(md).contains("| large | float32 | naive | 1.00 | - | 0.03x | 0.10x | 2.70 | 4,156 B |")
                .contains("| large | float32 | nd4j | 30.0 | 0.500 | 1.00x | 3.00x | 81.0 | 120,000 B |")
                .contains("| large | float32 | *PyTorch 1.13.1* | 10.0 | - | 0.33x | 1.00x | 27.0 | - |")
                .contains("| large | float32 | *PyTorch 1.13.1, tuned* | 25.0 | - | 0.83x | 2.50x | 67.5 | - |")
                .contains("| tiny | float32 | naive | 200,000 | 5,000 | 1.00x | 20.00x | 0.128 | 0 B |");
        assertThat(md).contains("| large | float32 | 30.0 | 32.0 | 93.8% | 120,000 B | 105,000 B |");
        assertThat(md).contains("| 1024 | A B | float32 | naive | 2.00 | 0.100 | 4.29 | 0.04x |")
                .contains("| 1024 | A B | float32 | nd4j | 50.0 | 1.50 | 107 | 1.00x |")
                .contains("| 64 | A B | float32 | nd4j | 100,000 | - | 52.4 | 1.00x |");
    }

    @Test
    void markdownShowsEachBackendsShareOfTheFmaPeak() {
        List<BenchResult> results = new ArrayList<>(Fixtures.results());
        // 1e5 ops/s x 1,572,864 FLOPs = 157 GFLOP/s a core, 315 on the fixture's 2 threads
        results.add(new BenchResult(Measurements.FMA_PEAK, Map.of("dtype", "float32"), 100_000, Double.NaN,
                "ops/s", 0, 0));
        Measurements m = new Measurements(results);
        PyTorchReference pytorch = Fixtures.pytorch().atThreads(2);
        String md = MarkdownReport.render(m, Fixtures.environment(), pytorch, List.of(), "chart.png");
        assertThat(md).contains("## Share of the FMA peak").contains("float32 157 GFLOP/s")
                .contains("| nd4j | float32 | 107 | 34.1% | 81.0 | 25.8% |");
        Measurements without = new Measurements(Fixtures.results());
        assertThat(MarkdownReport.render(without, Fixtures.environment(), pytorch, List.of(), "chart.png"))
                .doesNotContain("FMA peak");
    }

    @Test
    void writesMarkdownAndAPngChart(@TempDir Path dir) throws Exception {
        List<Target> targets = Report.write(dir, Fixtures.results(), Fixtures.environment(), Fixtures.pytorch());
        assertThat(targets).hasSize(5 + 6).extracting(Target::name).contains("step efficiency", "nd4j step efficiency");
        assertThat(Files.readString(dir.resolve(Report.MARKDOWN))).startsWith("# backprop4j benchmarks");
        BufferedImage png = ImageIO.read(dir.resolve(Report.CHART).toFile());
        assertThat(png).isNotNull();
        // 2 step panels (tiny, large) + 1 gemm-by-size + 1 gemm-by-form: two rows of three
        assertThat(png.getWidth()).isEqualTo(3 * BarChart.PANEL_WIDTH);
        assertThat(png.getHeight()).isGreaterThan(2 * BarChart.PANEL_HEIGHT);
        var colours = BarChart.colours(List.of("naive", "nd4j", "PyTorch 1.13.1"), "PyTorch 1.13.1");
        for (String series : colours.keySet()) {
            assertThat(count(png, colours.get(series))).as("pixels of %s's bars", series).isGreaterThan(500);
        }
    }

    @Test
    void pytorchIsComparedAtTheRunsThreadCount(@TempDir Path dir) throws Exception {
        Environment env = Fixtures.environment();
        Environment oneThread = new Environment(env.date(), env.command(), env.mode(), env.jdk(), env.os(), env.cpuModel(),
                env.logicalCpus(), env.cpuFlags(), env.blasCore(), env.threads(), 1, env.loadBefore(), env.loadAfter(),
                env.skipped());
        List<Target> targets = Report.write(dir, Fixtures.results(), oneThread, Fixtures.pytorch());
        assertThat(targets.get(0).figures()).containsExactly("float32: best nd4j 30.0 steps/s, PyTorch 5.00 steps/s: 6.00x");
        assertThat(targets.get(2).status()).isEqualTo(Target.Status.NOT_MEASURED);
    }

    @Test
    void stepPanelsLabelEachBackendWithItsRatioToPyTorchAndGemmPanelsGroupByBackend() {
        Measurements m = new Measurements(Fixtures.results());
        PyTorchReference pytorch = Fixtures.pytorch().atThreads(2);
        List<BarChart.Panel> panels = ReportChart.panels(m, pytorch, "PyTorch 1.13.1");
        BarChart.Panel large = panels.stream().filter(p -> p.title().equals("large step, float32")).findFirst()
                .orElseThrow();
        assertThat(large.groups()).extracting(BarChart.Group::label)
                .containsExactly("naive 0.10x PT", "nd4j 3.00x PT", "PyTorch", "PyTorch tuned");
        var chart = BarChart.chart(large, List.of("naive", "nd4j", "PyTorch 1.13.1"), "PyTorch 1.13.1");
        assertThat(chart.getStyler().isOverlapped()).as("one bar per label, centred over it").isTrue();
        assertThat(chart.getSeriesMap()).containsOnlyKeys("naive", "nd4j", "PyTorch 1.13.1");
        assertThat(new ArrayList<Number>(chart.getSeriesMap().get("nd4j").getYData()))
                .isEqualTo(Arrays.asList(null, 30.0, null, null));
        assertThat(new ArrayList<Number>(chart.getSeriesMap().get("PyTorch 1.13.1").getYData()))
                .isEqualTo(Arrays.asList(null, null, 10.0, 25.0));
        assertThat(chart.getSeriesMap().get("nd4j").getFillColor()).isEqualTo(new Color(0x54A24B));

        BarChart.Panel gemm = panels.stream().filter(p -> p.title().equals("gemm A B, float32")).findFirst()
                .orElseThrow();
        var gemmChart = BarChart.chart(gemm, List.of("naive", "nd4j", "PyTorch 1.13.1"), "PyTorch 1.13.1");
        assertThat(gemmChart.getStyler().isOverlapped()).as("several bars per size, side by side").isFalse();
        assertThat(gemmChart.getSeriesMap()).as("no PyTorch gemm bars").containsOnlyKeys("naive", "nd4j");
    }

    @Test
    void aPanelWithNothingMeasuredSaysSo() {
        BarChart.Panel empty = new BarChart.Panel("gemm A B, float64", "GFLOP/s", List.of(
                new BarChart.Group("n=64", List.of(new BarChart.Bar("naive", Double.NaN)))));
        BufferedImage image = BarChart.render("t", List.of(empty), List.of("naive"), "PyTorch");
        assertThat(count(image, BarChart.colours(List.of("naive"), "PyTorch").get("naive"))).isZero();
        assertThat(count(image, Color.WHITE)).as("text on white").isGreaterThan(image.getWidth() * image.getHeight() / 2);
    }

    @Test
    void axisLabelsAreShortWithoutTrailingZeros() {
        assertThat(BarChart.axisLabel(0)).isEqualTo("0");
        assertThat(BarChart.axisLabel(40)).isEqualTo("40");
        assertThat(BarChart.axisLabel(2000)).isEqualTo("2,000");
        assertThat(BarChart.axisLabel(800_000)).isEqualTo("800k");
        assertThat(BarChart.axisLabel(1_500_000)).isEqualTo("1.5M");
        assertThat(BarChart.axisLabel(0.05)).isEqualTo("0.05");
        assertThat(BarChart.axisLabel(1.5)).isEqualTo("1.5");
    }

    private static int count(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
