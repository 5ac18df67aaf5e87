package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9B45
            flags\t\t: fpu sse sse2 sse4_1 sse4_2 avx f16c fma avx2 avx512f avx512dq avx512_bf16 sha_ni avx_vnni
            processor\t: 1
            model name\t: AMD EPYC 9B45
            flags\t\t: fpu
            """;

    @Test
    void readsTheFirstProcessorsModelAndSimdFlags() {
        assertThat(Environment.cpuModel(CPUINFO)).isEqualTo("AMD EPYC 9B45");
        assertThat(Environment.simdFlags(CPUINFO))
                .containsExactly("sse4_2", "avx", "f16c", "fma", "avx2", "avx512f", "avx512dq", "avx512_bf16", "avx_vnni");
    }

    @Test
    void saysWhenCpuinfoLacksAField() {
        assertThat(Environment.cpuModel("processor : 0\n")).isEqualTo("unknown (no model name in /proc/cpuinfo)");
        assertThat(Environment.simdFlags("processor : 0\n")).isEmpty();
    }

    @Test
    void roundTripsThroughJson(@TempDir Path dir) {
        Environment env = Fixtures.environment();
        env.write(dir.resolve("environment.json"));
        assertThat(Environment.read(dir.resolve("environment.json"))).isEqualTo(env);
    }

    @Test
    void threadSettingsNameEveryVariableThatChangesThem() {
        assertThat(Environment.currentThreadSettings()).contains("OMP_NUM_THREADS=").contains("OPENBLAS_NUM_THREADS=")
                .contains("OPENBLAS_CORETYPE=").endsWith(Environment.currentThreadCount() + " native threads");
    }

    @Test
    void nd4jsBlasIsTheFirstFieldOfItsProbe() {
        BackendInfo naive = info("naive", ProbeResult.available("no native code; 1 thread"));
        assertThat(Environment.nd4jBlas(List.of(naive, info("nd4j", ProbeResult.available(
                "OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake); 2 threads (default); 2 cores")))))
                .isEqualTo("OPENBLAS, kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)");
        assertThat(Environment.nd4jBlas(List.of(info("nd4j", ProbeResult.unavailable("ND4J could not start: no jnind4jcpu")))))
                .isEqualTo("unknown (nd4j unavailable: ND4J could not start: no jnind4jcpu)");
        assertThat(Environment.nd4jBlas(List.of(naive))).isEqualTo("unknown (no nd4j backend discovered)");
    }

    private static BackendInfo info(String name, ProbeResult probe) {
        return new BackendInfo(name, "1", 1, EnumSet.allOf(DType.class), probe, 0);
    }
}
