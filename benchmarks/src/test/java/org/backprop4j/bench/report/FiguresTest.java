package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void gemmGflopsAreTwoNCubedTimesOpsPerSecond() {
        assertThat(Figures.gemmFlops(1024)).isEqualTo(2_147_483_648.0);
        assertThat(Figures.gflops(Figures.gemmFlops(1024), 50)).isCloseTo(107.374, within(1e-3));
        assertThat(Figures.gflops(Figures.gemmFlops(8), 1e6)).isCloseTo(1.024, within(1e-12));
    }

    @Test
    void stepGflopsUseTheMatmulFlopsOfTheConfig() {
        assertThat(Figures.stepGflops("large", 1.0)).isCloseTo(2.7000832, within(1e-9));
        assertThat(Figures.stepGflops("tiny", 1e6)).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void formatsRatesWithThreeSignificantDigits() {
        assertThat(Figures.rate(1_421_578.09)).isEqualTo("1,421,578");
        assertThat(Figures.rate(123.4)).isEqualTo("123");
        assertThat(Figures.rate(14.816)).isEqualTo("14.8");
        assertThat(Figures.rate(1.253)).isEqualTo("1.25");
        assertThat(Figures.rate(0.01234)).isEqualTo("0.0123");
        assertThat(Figures.rate(Double.NaN)).isEqualTo("-");
    }

    @Test
    void formatsRatiosPercentagesAndBytes() {
        assertThat(Figures.ratio(2.0)).isEqualTo("2.00x");
        assertThat(Figures.ratio(142.2)).isEqualTo("142x");
        assertThat(Figures.ratio(Double.NaN)).isEqualTo("-");
        assertThat(Figures.percent(0.7311)).isEqualTo("73.1%");
        assertThat(Figures.percent(0.8988)).isEqualTo("89.9%");
        assertThat(Figures.bytes(105364.398)).isEqualTo("105,364 B");
        assertThat(Figures.bytes(Double.NaN)).isEqualTo("-");
    }
}
