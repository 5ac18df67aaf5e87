package org.backprop4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.Test;

class VectorBackendProviderTest {

    @Test
    void describesItselfWithTheModuleTheJdkAndBothDtypes() {
        VectorBackendProvider provider = new VectorBackendProvider();
        assertThat(provider.name()).isEqualTo("vector");
        assertThat(provider.version()).isEqualTo("Vector API (jdk.incubator.vector), JDK " + Runtime.version().feature());
        assertThat(provider.priority()).isEqualTo(VectorBackendProvider.PRIORITY);
        assertThat(provider.dtypes()).containsExactlyInAnyOrder(DType.FLOAT32, DType.FLOAT64);
    }

    @Test
    void probeReportsLanesTilesAndThreads() {
        ProbeResult probe = new VectorBackendProvider(3).probe();
        assertThat(probe.available()).as(probe.toString()).isTrue();
        int bits = VectorRuntime.vectorBits();
        assertThat(probe.detail())
                .contains("float32 " + bits / 32 + " lanes, float64 " + bits / 64 + " lanes (" + bits + "-bit vectors)")
                .contains("register tile " + Float32Gemm.MR + "x" + (bits / 16) + " (float32), "
                        + Float64Gemm.MR + "x" + (bits / 32) + " (float64)")
                .endsWith("; 3 threads");
        assertThat(new VectorBackendProvider(1).probe().detail()).endsWith("; 1 thread");
    }

    @Test
    void theThreadSettingWinsOverTheDefault() {
        VectorBackendProvider provider = new VectorBackendProvider(3);
        assertThat(provider.probe(BackendSettings.ofThreads(1)).detail()).endsWith("; 1 thread");
        assertThat(provider.probe(BackendSettings.defaults()).detail()).endsWith("; 3 threads");
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        assertThatThrownBy(() -> new VectorBackendProvider(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads (0) must be >= 1");
    }

    @Test
    void isRegisteredAsAService() {
        List<BackendInfo> found = Backends.discover().describe();
        assertThat(found).filteredOn(info -> info.name().equals("vector")).singleElement()
                .satisfies(info -> assertThat(info.probe().available()).isTrue());
    }

    @Test
    void isTheDefaultOverNaive() {
        Backends backends = Backends.of(List.of(new NaiveBackendProvider(), new VectorBackendProvider()));
        assertThat(backends.availableNames()).containsExactly("vector", "naive");
        assertThat(backends.select().name()).isEqualTo("vector");
    }

    @Test
    void withoutTheModuleItLoadsAndNamesTheFlag() throws Exception {
        String out = runProbe(List.of());
        assertThat(out).contains("probe: unavailable: the JDK's Vector API is not enabled: start the JVM with "
                + "--add-modules jdk.incubator.vector (JDK 17 or later)");
        assertThat(out).contains("create: backend 'vector' cannot start: the JDK's Vector API is not enabled");
    }

    @Test
    void withVectorsNarrowerThan256BitsItIsUnavailable() throws Exception {
        String out = runProbe(List.of("--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=16"));
        assertThat(out).contains("probe: unavailable: the CPU's preferred vectors are 128 bits wide here; "
                + "the backend needs at least 256");
    }

    @Test
    void with256BitVectorsItTakesTheAvx2TileAndPassesItsSelfTest() throws Exception {
        assumeTrue(VectorRuntime.vectorBits() >= 256, "this CPU has no 256-bit vectors");
        // -XX:UseAVX=2 limits the JIT to AVX2 here: 256-bit species and the tile for 16 registers,
        // whose micro-kernel the self-test runs (the tests above use this machine's widest vectors)
        String out = runProbe(List.of("--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2"));
        int rows = Tiling.tileRows(256, Runtime.version().feature());
        assertThat(out).contains("probe: available: float32 8 lanes, float64 4 lanes (256-bit vectors); register tile "
                + rows + "x16 (float32), " + rows + "x8 (float64)").contains("create: ok");
    }

    /** Runs {@link ProbeMain} in a new JVM with {@code options} and returns what it printed. */
    private static String runProbe(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProbeMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
        return out;
    }
}
