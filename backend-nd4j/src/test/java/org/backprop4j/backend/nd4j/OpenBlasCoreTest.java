package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.backprop4j.api.spi.BackendSettings;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {
    static final String SKYLAKEX_FLAGS = "sse2 avx avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl";

    static CpuFlags flags(String words) {
        return new CpuFlags(Set.of(words.split(" ")));
    }

    @Test
    void theBestKernelFollowsTheCpusFlags() {
        assertThat(OpenBlasCore.bestFor(flags(SKYLAKEX_FLAGS + " avx512_bf16"))).contains(OpenBlasCore.COOPERLAKE);
        assertThat(OpenBlasCore.bestFor(flags(SKYLAKEX_FLAGS))).contains(OpenBlasCore.SKYLAKEX);
        assertThat(OpenBlasCore.bestFor(flags("sse2 avx avx2 fma avx512f avx512_bf16")))
                .as("AVX-512 without the SkylakeX set (Knights Landing has no bw, dq, vl)").contains(OpenBlasCore.HASWELL);
        assertThat(OpenBlasCore.bestFor(flags("sse2 avx avx2 fma"))).contains(OpenBlasCore.HASWELL);
        assertThat(OpenBlasCore.bestFor(flags("sse2 avx avx2"))).as("AVX2 without FMA").isEmpty();
        assertThat(OpenBlasCore.bestFor(flags("sse2 sse3 avx"))).isEmpty();
        assertThat(OpenBlasCore.bestFor(new CpuFlags(Set.of()))).isEmpty();
    }

    @Test
    void aKernelNarrowerThanTheCpuIsReportedWithTheVariableToSet() {
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.PRESCOTT), Optional.of(OpenBlasCore.COOPERLAKE), null))
                .isEqualTo("kernel Prescott (OpenBLAS's choice), an SSE kernel on a CPU with AVX-512, so products run "
                        + "slower than they can: set OPENBLAS_CORETYPE=Cooperlake before the JVM starts (the backprop4j "
                        + "launcher does)");
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.HASWELL), Optional.of(OpenBlasCore.SKYLAKEX), "haswell"))
                .isEqualTo("kernel Haswell (OPENBLAS_CORETYPE=haswell), an AVX2 kernel on a CPU with AVX-512, so products "
                        + "run slower than they can: set OPENBLAS_CORETYPE=SkylakeX instead before the JVM starts");
    }

    @Test
    void aKernelAsWideAsTheCpuIsJustNamed() {
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.COOPERLAKE), Optional.of(OpenBlasCore.COOPERLAKE),
                "Cooperlake")).isEqualTo("kernel Cooperlake (OPENBLAS_CORETYPE=Cooperlake)");
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.SKYLAKEX), Optional.of(OpenBlasCore.COOPERLAKE), null))
                .as("the same vector width: no advice").isEqualTo("kernel SkylakeX (OpenBLAS's choice)");
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.ZEN), Optional.of(OpenBlasCore.HASWELL), ""))
                .as("an empty variable is no choice").isEqualTo("kernel Zen (OpenBLAS's choice)");
        assertThat(OpenBlasCore.describe(Optional.of(OpenBlasCore.PRESCOTT), Optional.empty(), null))
                .as("nothing better known").isEqualTo("kernel Prescott (OpenBLAS's choice)");
        assertThat(OpenBlasCore.describe(Optional.empty(), Optional.of(OpenBlasCore.HASWELL), null))
                .isEqualTo("kernel not identified (OpenBLAS's choice)");
    }

    @Test
    void theProbeNamesTheKernelTheLoadedOpenBlasRuns() {
        String detail = new Nd4jBackendProvider().probe(BackendSettings.defaults()).detail();
        assertThat(OpenBlasCore.loaded()).as("ND4J's OpenBLAS exports its kernel tables").isPresent();
        assertThat(detail).contains("kernel " + OpenBlasCore.loaded().orElseThrow().coreType() + " (");
    }

    /**
     * In a child JVM with {@code OPENBLAS_CORETYPE} set, the probe reads back the kernel the
     * variable forced: Haswell where the CPU can run it, and the SSE3 kernel, which every x86-64
     * CPU runs, with the advice to set the CPU's best.
     */
    @Test
    void theProbeReadsBackAKernelForcedByTheVariable() throws Exception {
        Optional<OpenBlasCore> best = OpenBlasCore.bestFor(CpuFlags.current());
        assumeThat(best).as("an x86-64 CPU with AVX2 and FMA").isPresent();
        assertThat(probeInChildJvm("Haswell")).contains("OPENBLAS, kernel Haswell (OPENBLAS_CORETYPE=Haswell)");
        assertThat(probeInChildJvm("Prescott")).contains("OPENBLAS, kernel Prescott (OPENBLAS_CORETYPE=Prescott), an SSE "
                + "kernel on a CPU with " + best.orElseThrow().simd() + ", so products run slower than they can: set "
                + "OPENBLAS_CORETYPE=" + best.orElseThrow().coreType() + " instead before the JVM starts;");
    }

    private static String probeInChildJvm(String coreType) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(OpenBlasCore.VARIABLE, coreType);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
        return out;
    }

    /** Prints the probe's detail; run by {@link #probeInChildJvm}. */
    public static final class ProbeMain {
        private ProbeMain() {
        }

        public static void main(String[] args) {
            System.out.println(new Nd4jBackendProvider().probe(BackendSettings.defaults()).detail());
        }
    }
}
