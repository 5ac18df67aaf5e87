package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

    @Test
    void readsBenchmarkParamsScoreErrorAndAllocation() {
        List<BenchResult> results = Fixtures.results();
        assertThat(results).hasSize(8);
        BenchResult gemm = results.get(1);
        assertThat(gemm.benchmark()).isEqualTo("GemmBenchmark");
        assertThat(gemm.params()).isEqualTo(Map.of("backend", "nd4j", "dtype", "float32", "size", "1024", "form", "AB"));
        assertThat(gemm.score()).isEqualTo(50.0);
        assertThat(gemm.error()).isEqualTo(1.5);
        assertThat(gemm.unit()).isEqualTo("ops/s");
        assertThat(gemm.allocBytesPerOp()).isEqualTo(900.0);
        assertThat(gemm.allocMbPerSecond()).isEqualTo(0.05);
    }

    @Test
    void jmhsNanStringsBecomeNan() {
        assertThat(Fixtures.results().get(2).error()).isNaN();
    }

    @Test
    void readsOlderJmhsDottedProfilerKeys() {
        BenchResult naiveLarge = Fixtures.results().get(4);
        assertThat(naiveLarge.params()).containsEntry("config", "large");
        assertThat(naiveLarge.allocBytesPerOp()).isEqualTo(4156.0);
    }

    @Test
    void withoutGcProfilerAllocationIsNan() {
        String json = "[{\"benchmark\":\"org.backprop4j.bench.GemmBenchmark.gemm\",\"params\":{},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreError\":0.5,\"scoreUnit\":\"ops/s\"}}]";
        assertThat(JmhResults.parse(json).get(0).allocBytesPerOp()).isNaN();
    }

    @Test
    void rejectsWhatIsNotAResultArray() {
        assertThatThrownBy(() -> JmhResults.parse("{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JMH results must be a JSON array; found OBJECT");
        assertThatThrownBy(() -> JmhResults.parse("[{\"benchmark\":\"gemm\"}]")).hasMessageContaining("benchmark 'gemm'");
    }

    @Test
    void mergeConcatenatesParts(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), Fixtures.text("jmh-results.json"));
        Path b = Files.writeString(dir.resolve("b.json"), "[]");
        Path c = Files.writeString(dir.resolve("c.json"), Fixtures.text("jmh-results.json"));
        Path merged = dir.resolve("merged.json");
        JmhResults.merge(List.of(a, b, c), merged);
        assertThat(JmhResults.read(merged)).hasSize(16);
    }

    @Test
    void missingParameterNamesThoseThereAre() {
        BenchResult raw = Fixtures.results().get(7);
        assertThatThrownBy(() -> raw.param("backend")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("RawNd4jStepBenchmark result has no parameter 'backend'; it has ");
    }
}
