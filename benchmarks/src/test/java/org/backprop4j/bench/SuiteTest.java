package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.ProbeResult;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class SuiteTest {
    private static final List<BackendInfo> DISCOVERED = List.of(info("naive", true), info("nd4j", false));

    private static BackendInfo info(String name, boolean available) {
        return new BackendInfo(name, "1", 0, Set.of(DType.FLOAT32, DType.FLOAT64),
                available ? ProbeResult.available("") : ProbeResult.unavailable("no libjnind4jcpu.so"), 1, "x." + name);
    }

    @Test
    void measuresEveryAvailableBackendAndNotesTheRest() {
        Map<String, String> skipped = new LinkedHashMap<>();
        assertThat(Suite.chooseBackends(DISCOVERED, List.of(), skipped)).containsExactly("naive");
        assertThat(skipped).containsEntry("nd4j", "unavailable here: no libjnind4jcpu.so")
                .containsEntry("ejml", "not discovered: no BackendProvider named 'ejml' on the class path")
                .hasSize(2);
    }

    @Test
    void aRequestedBackendMustBeAvailable() {
        Map<String, String> skipped = new LinkedHashMap<>();
        assertThat(Suite.chooseBackends(DISCOVERED, List.of("naive"), skipped)).containsExactly("naive");
        assertThatThrownBy(() -> Suite.chooseBackends(DISCOVERED, List.of("nd4j"), skipped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend 'nd4j' is unavailable here: no libjnind4jcpu.so");
        assertThatThrownBy(() -> Suite.chooseBackends(DISCOVERED, List.of("cuda"), skipped))
                .hasMessage("backend 'cuda' is unknown; discovered: [naive, nd4j]");
    }

    @Test
    void failsWhenNothingIsAvailable() {
        assertThatThrownBy(() -> Suite.chooseBackends(List.of(info("nd4j", false)), List.of(), new LinkedHashMap<>()))
                .hasMessage("no backend is available to benchmark; discovered: [nd4j]");
    }

    @Test
    void quickGemmMeasuresOnlyAbAt64And1024() {
        Options quick = Suite.gemmOptions(true, List.of("naive"), 2).build();
        assertThat(quick.getParameter("size").get()).containsExactly("64", "1024");
        assertThat(quick.getParameter("form").get()).containsExactly("AB");
        assertThat(quick.getParameter("backend").get()).containsExactly("naive");
        Options full = Suite.gemmOptions(false, List.of("naive", "ejml"), 2).build();
        assertThat(full.getParameter("size").hasValue()).isFalse();
        assertThat(full.getParameter("backend").get()).containsExactly("naive", "ejml");
    }

    @Test
    void everyStepBenchmarkRunsWithTheGcProfiler() {
        assertThat(Suite.stepOptions(true, List.of("naive"), 2).build().getProfilers())
                .extracting(p -> p.getKlass()).containsExactly("org.openjdk.jmh.profile.GCProfiler");
        assertThat(Suite.rawOptions(false, 2).build().getMeasurementIterations().get()).isEqualTo(5);
    }

    @Test
    void forksGetQuietLoggingAndTheNd4jBackendTheSameThreadCount() {
        assertThat(Suite.stepOptions(false, List.of("nd4j"), 3).build().getJvmArgsAppend().get())
                .containsExactly(Suite.LOGGING, "-Dbackprop4j.nd4j.threads=3", "-Dbackprop4j.bench.threads=3");
    }
}
