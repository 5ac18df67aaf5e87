package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendsCommandTest {

    @Test
    void listsNaiveAsAvailable() {
        CliRunner r = CliRunner.run("backends");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("naive", "available: no native code", "float32,float64")
                .containsPattern("selected: \\w+ \\(");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void backendOptionWorksBeforeAndAfterTheCommand() {
        assertThat(CliRunner.run("--backend", "naive", "backends").out())
                .contains("selected: naive (named explicitly: --backend or in code)");
        assertThat(CliRunner.run("backends", "--backend", "naive").out()).contains("selected: naive (named explicitly");
    }

    @Test
    void anUnknownBackendIsOneLineAndExitTwoNamingTheAvailableOnes() {
        CliRunner r = CliRunner.run("--backend", "nope", "backends");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("backprop4j: backend 'nope'").contains("is unknown", "naive [available");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void systemPropertySelectsButTheOptionWins() {
        System.setProperty("backprop4j.backend", "nope");
        try {
            assertThat(CliRunner.run("backends").exitCode()).as("the property is read").isEqualTo(ExitCodes.USAGE);
            assertThat(CliRunner.run("--backend", "naive", "backends").out()).contains("selected: naive (named explicitly");
            System.setProperty("backprop4j.backend", "naive");
            assertThat(CliRunner.run("backends").out())
                    .contains("selected: naive (system property backprop4j.backend=naive)");
        } finally {
            System.clearProperty("backprop4j.backend");
        }
    }

    @Test
    void theThreadSettingReachesEveryBackendsProbeAndTheTableSaysWhereItCameFrom() {
        CliRunner r = CliRunner.run("backends", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("threads: 1 (--threads or in code)")
                .containsPattern("naive .*available: no native code; 1 thread")
                .containsPattern("ejml .* multiply-adds on 1 thread \\(thread setting\\)");
        assertThat(CliRunner.run("backends").out()).contains("threads: each backend's default");
        System.setProperty("backprop4j.threads", "2");
        try {
            assertThat(CliRunner.run("backends").out()).contains("threads: 2 (system property backprop4j.threads=2)")
                    .containsPattern("ejml .* multiply-adds on 2 threads \\(thread setting\\)");
            System.setProperty("backprop4j.threads", "two");
            CliRunner bad = CliRunner.run("backends");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.err()).isEqualTo("backprop4j: system property backprop4j.threads ('two') must be an integer >= 1"
                    + System.lineSeparator());
            assertThat(CliRunner.run("--threads", "1", "backends").out()).as("the option wins").contains("threads: 1 (");
        } finally {
            System.clearProperty("backprop4j.threads");
        }
        CliRunner zero = CliRunner.run("backends", "--threads", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).isEqualTo("backprop4j: --threads (0) must be >= 1" + System.lineSeparator());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRunner r = CliRunner.run("--backend", "nope", "--verbose", "backends");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("BackendSelectionException", "at org.backprop4j.api.Backends");
    }

    @Test
    void badUsageIsExitTwo() {
        CliRunner r = CliRunner.run("no-such-command");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("backprop4j: Unmatched argument");
        assertThat(CliRunner.run().exitCode()).as("no command").isEqualTo(ExitCodes.USAGE);
    }
}
