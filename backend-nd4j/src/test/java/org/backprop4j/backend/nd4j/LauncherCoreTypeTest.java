package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code backprop4j} launcher chooses {@code OPENBLAS_CORETYPE} in bash, before any JVM runs;
 * its function {@code openblas_coretype}, cut out of the script and run on a set of CPU flags,
 * must name what {@link OpenBlasCore#bestFor} names (nothing when that is empty).
 */
class LauncherCoreTypeTest {
    private static final Path LAUNCHER = Path.of("..", "backprop4j");

    @ParameterizedTest
    @ValueSource(strings = {
            OpenBlasCoreTest.SKYLAKEX_FLAGS + " avx512_bf16 amx_tile",
            OpenBlasCoreTest.SKYLAKEX_FLAGS,
            "fpu sse2 avx avx2 fma avx512f avx512cd avx512_bf16",
            "fpu sse2 avx avx2 fma",
            "fpu sse2 avx avx2",
            "fpu sse2 avx fma",
            "fpu sse2 sse3",
            "avx512vl avx512dq avx512bw avx512cd avx512f",
            "avx2fma avx512f_x avx2x fmax"})
    void theLauncherChoosesWhatTheBackendCallsBest(String flags) throws Exception {
        String expected = OpenBlasCore.bestFor(OpenBlasCoreTest.flags(flags)).map(OpenBlasCore::coreType).orElse("");
        assertThat(runLauncherFunction(flags)).as("flags: %s", flags).isEqualTo(expected);
    }

    private static String runLauncherFunction(String flags) throws Exception {
        List<String> script = Files.readAllLines(LAUNCHER, StandardCharsets.UTF_8);
        int start = -1;
        int end = -1;
        for (int i = 0; i < script.size() && end < 0; i++) {
            if (script.get(i).startsWith("openblas_coretype() {")) {
                start = i;
            } else if (start >= 0 && script.get(i).equals("}")) {
                end = i;
            }
        }
        assertThat(start).as("openblas_coretype() in %s", LAUNCHER).isNotNegative();
        assertThat(end).as("the end of openblas_coretype() in %s", LAUNCHER).isPositive();
        String function = String.join("\n", script.subList(start, end + 1));
        Process process = new ProcessBuilder("bash", "-c", function + "\nopenblas_coretype " + flags)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("bash output: %s", out).isZero();
        return out.strip();
    }
}
