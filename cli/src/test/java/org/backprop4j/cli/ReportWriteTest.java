package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, finding 1, for {@code conformance --report}: a report that cannot be written fails the run. */
class ReportWriteTest {
    private static final Path CASE = Path.of("src", "test", "resources", "fuzz", "cases",
            "linear_1x1_batch6_mean_float32.json");

    @TempDir
    Path tmp;

    @Test
    void aReportThatCannotBeWrittenIsExitOneAndAnOldOneSurvives() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full is a Linux device");
        Path cases = Files.createDirectory(tmp.resolve("cases"));
        Files.copy(CASE, cases.resolve("one.json"));
        Run r = run("--backend", "naive", "conformance", "--checks", "pytorch", "--cases", cases.toString(),
                "--report", "/dev/full");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).isEqualTo("backprop4j: error: cannot write /dev/full: No space left on device"
                + System.lineSeparator());
        Path report = Files.writeString(tmp.resolve("report.json"), "the last report");
        Run ok = run("--backend", "naive", "conformance", "--checks", "pytorch", "--cases", cases.toString(),
                "--report", report.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readString(report)).contains("\"format\"");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cases", "report.json");
        }
    }
}
