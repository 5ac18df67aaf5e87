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
