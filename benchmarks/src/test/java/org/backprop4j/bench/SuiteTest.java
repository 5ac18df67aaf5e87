package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
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
    private static final List<BackendInfo> DISCOVERED = List.of(info("naive", true), info("nd4j", false),
            info("outside", true));

    private static BackendInfo info(String name, boolean available) {
        return new BackendInfo(name, "1", 0, Set.of(DType.FLOAT32, DType.FLOAT64),
                available ? ProbeResult.available("") : ProbeResult.unavailable("no libjnind4jcpu.so"), 1);
    }

    @Test
    void measuresEveryAvailableBackendAndNotesTheRest() {
        Map<String, String> skipped = new LinkedHashMap<>();
        assertThat(Suite.chooseBackends(DISCOVERED, List.of(), skipped)).containsExactly("naive", "outside");
        assertThat(skipped).containsEntry("nd4j", "unavailable here: no libjnind4jcpu.so")
                .containsEntry("ejml", "not discovered: no BackendProvider named 'ejml' on the class path or plug-in path")
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
                .hasMessage("backend 'cuda' is unknown; discovered: [naive, nd4j, outside]");
    }

    @Test
    void failsWhenNothingIsAvailable() {
        assertThatThrownBy(() -> Suite.chooseBackends(List.of(info("nd4j", false)), List.of(), new LinkedHashMap<>()))
                .hasMessage("no backend is available to benchmark; discovered: [nd4j]");
    }

    @Test
    void quickGemmMeasuresOnlyAbAt64And1024() {
        Options quick = Suite.gemmOptions(true, List.of("naive"), 2, List.of()).build();
        assertThat(quick.getParameter("size").get()).containsExactly("64", "1024");
        assertThat(quick.getParameter("form").get()).containsExactly("AB");
        assertThat(quick.getParameter("backend").get()).containsExactly("naive");
        Options full = Suite.gemmOptions(false, List.of("naive", "outside"), 2, List.of()).build();
        assertThat(full.getParameter("size").hasValue()).isFalse();
        assertThat(full.getParameter("backend").get()).as("the backends come from discovery, outside ones too")
                .containsExactly("naive", "outside");
    }

    @Test
    void everyStepBenchmarkRunsWithTheGcProfiler() {
        assertThat(Suite.stepOptions(true, List.of("naive"), 2, List.of()).build().getProfilers())
                .extracting(p -> p.getKlass()).containsExactly("org.openjdk.jmh.profile.GCProfiler");
        assertThat(Suite.rawOptions(false, 2).build().getMeasurementIterations().get()).isEqualTo(5);
    }

    @Test
    void forksGetQuietLoggingAndEveryBackendsThreadSetting() {
        assertThat(Suite.stepOptions(false, List.of("nd4j"), 3, List.of()).build().getJvmArgsAppend().get())
                .containsExactly("--add-modules", "jdk.incubator.vector", Suite.LOGGING, "-Dbackprop4j.threads=3");
        assertThat(Suite.rawOptions(false, 1).build().getJvmArgsAppend().get())
                .containsExactly("--add-modules", "jdk.incubator.vector", Suite.LOGGING, "-Dbackprop4j.threads=1");
    }

    @Test
    void theFmaPeakIsMeasuredOnOneBenchmarkThreadWithTheVectorModule() {
        var fma = Suite.fmaPeakOptions(2).build();
        assertThat(fma.getIncludes()).containsExactly(FmaPeakBenchmark.class.getName() + "\\.");
        assertThat(fma.getThreads().get()).isEqualTo(1);
        assertThat(fma.getJvmArgsAppend().get()).startsWith("--add-modules", "jdk.incubator.vector");
    }

    @Test
    void aQuickRunWarmsUpTwiceSoTheVectorLoopsAreCompiled() {
        var quick = Suite.stepOptions(true, List.of("vector"), 2, List.of()).build();
        assertThat(quick.getWarmupIterations().get()).isEqualTo(2);
        assertThat(quick.getMeasurementIterations().get()).isEqualTo(3);
    }

    @Test
    void forksGetThePlugInJarsSoTheyDiscoverTheSameBackends() {
        Path one = Path.of("plugins/one.jar");
        Path two = Path.of("/opt/two.jar");
        assertThat(Suite.gemmOptions(true, List.of("outside"), 2, List.of(one, two)).build().getJvmArgsAppend().get())
                .containsExactly("--add-modules", "jdk.incubator.vector", Suite.LOGGING, "-Dbackprop4j.threads=2",
                        "-Dbackprop4j.plugin.path="
                        + one.toAbsolutePath() + File.pathSeparator + two.toAbsolutePath());
    }
}
