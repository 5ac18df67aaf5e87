package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.cli.bench.ReferenceScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's options and errors; nothing here runs a benchmark. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(run("bench", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("--quick").contains("--json=FILE").contains("--out=DIR")
                .contains("--pytorch").contains("--threads=N").contains("bench-results");
    }

    @Test
    void benchIsListedInTheMainHelp() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("bench");
    }

    @Test
    void anUnknownBackendIsAUsageErrorBeforeAnythingRuns(@TempDir Path dir) {
        assertThat(run("bench", "--backend", "nosuch", "--out", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("backprop4j: backend 'nosuch' (named explicitly: --backend or in code) is "
                + "unknown; discovered backends: ");
        assertThat(dir.resolve("results.json")).doesNotExist();
    }

    @Test
    void threadsMustBePositive() {
        assertThat(run("bench", "--threads", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("backprop4j: --threads (0) must be >= 1" + System.lineSeparator());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("bench", "--fast")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--fast'");
    }

    @Test
    void theReferenceScriptIsFoundFromTheCliJarsCheckout(@TempDir Path root) throws Exception {
        Path script = root.resolve(ReferenceScript.RELATIVE_PATH);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/usr/bin/python3\n");
        Path jar = root.resolve("cli/target/backprop4j-cli.jar");
        Path elsewhere = root.resolve("elsewhere");
        assertThat(ReferenceScript.locate(jar, elsewhere)).hasValue(script);
        assertThat(ReferenceScript.locate(null, root)).hasValue(script);
        assertThat(ReferenceScript.locate(null, elsewhere)).isEmpty();
        assertThat(ReferenceScript.candidates(jar, elsewhere)).containsExactly(script,
                elsewhere.resolve(ReferenceScript.RELATIVE_PATH));
    }
}
