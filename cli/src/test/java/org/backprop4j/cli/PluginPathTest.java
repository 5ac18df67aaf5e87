package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.conformance.ConformanceKit;
import org.backprop4j.conformance.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugin-path} and {@code -Dbackprop4j.plugin.path}: a backend from a jar is listed, selected and checked. */
class PluginPathTest {
    @TempDir
    Path dir;

    @Test
    void aBackendInAPlugInJarIsListedAndSelectedLikeABuiltInOne() throws IOException {
        Path jar = PluginJars.registering(dir.resolve("outside.jar"), OutsideProvider.class);
        assertThat(CliRunner.run("backends").out()).doesNotContain("outside");
        CliRunner r = CliRunner.run("--plugin-path", jar.toString(), "backends", "--backend", "OUTSIDE");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).containsPattern("outside\\s+outside 1\\.0\\s+1\\s+float32,float64\\s+available: from a plug-in jar")
                .contains("selected: outside (named explicitly: --backend or in code)");
    }

    @Test
    void aDirectoryOfJarsWorksAsOneEntryAmongOthers() throws IOException {
        Path plugins = dir.resolve("plugins");
        PluginJars.registering(plugins.resolve("outside.jar"), OutsideProvider.class);
        Files.writeString(plugins.resolve("README.txt"), "not a jar, and ignored");
        String path = dir.resolve("elsewhere").toString() + File.pathSeparator + plugins;
        Files.createDirectories(dir.resolve("elsewhere"));
        CliRunner r = CliRunner.run("backends", "--plugin-path", path);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("available: from a plug-in jar");
    }

    @Test
    void theOptionWinsOverTheSystemProperty() throws IOException {
        Path jar = PluginJars.registering(dir.resolve("outside.jar"), OutsideProvider.class);
        System.setProperty("backprop4j.plugin.path", jar.toString());
        try {
            assertThat(CliRunner.run("backends").out()).as("the property is read").contains("from a plug-in jar");
            Path empty = Files.createDirectories(dir.resolve("empty"));
            assertThat(CliRunner.run("--plugin-path", empty.toString(), "backends").out()).doesNotContain("outside");
            System.setProperty("backprop4j.plugin.path", dir.resolve("missing.jar").toString());
            CliRunner r = CliRunner.run("backends");
            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).isEqualTo("backprop4j: system property backprop4j.plugin.path: plug-in path entry '"
                    + dir.resolve("missing.jar") + "' does not exist; expected a jar file or a directory of jar files"
                    + System.lineSeparator());
        } finally {
            System.clearProperty("backprop4j.plugin.path");
        }
    }

    @Test
    void anEntryThatDoesNotExistOrIsNotAJarIsOneLineAndExitTwo() throws IOException {
        Path missing = dir.resolve("missing.jar");
        for (String command : new String[] {"backends", "conformance", "bench"}) {
            CliRunner r = CliRunner.run("--plugin-path", missing.toString(), command);
            assertThat(r.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(command).isEqualTo("backprop4j: --plugin-path: plug-in path entry '" + missing
                    + "' does not exist; expected a jar file or a directory of jar files" + System.lineSeparator());
        }
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        CliRunner r = CliRunner.run("backends", "--plugin-path", text.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("backprop4j: --plugin-path: plug-in path entry '" + text + "' is not a jar file (");
    }

    @Test
    void trainAndPredictRunOnAPlugInBackend() throws Exception {
        Path jar = PluginJars.registering(dir.resolve("outside.jar"), OutsideProvider.class);
        Path data = TrainCommandTest.regressionCsv(dir, 40);
        Path model = dir.resolve("model");
        TrainCommandTest.Run trained = TrainCommandTest.run("--plugin-path", jar.toString(), "--backend", "outside",
                "train", "--data", data.toString(), "--target", "y", "--hidden", "4", "--epochs", "1",
                "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("; outside float32");
        TrainCommandTest.Run predicted = TrainCommandTest.run("--plugin-path", jar.toString(), "--backend", "outside",
                "predict", "--model", model.toString(), "--input", data.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.out().lines()).hasSize(41);
        TrainCommandTest.Run unknown = TrainCommandTest.run("--backend", "outside", "predict", "--model", model.toString(),
                "--input", data.toString());
        assertThat(unknown.code()).as("without the plug-in path").isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("backend 'outside' (named explicitly: --backend or in code) is unknown");
    }

    @Test
    void conformanceRunsOnAPlugInBackendNamedBySystemProperty() throws IOException {
        Path jar = PluginJars.registering(dir.resolve("outside.jar"), OutsideProvider.class);
        System.setProperty("backprop4j.backend", "outside");
        try {
            CliRunner r = CliRunner.run("--plugin-path", jar.toString(), "conformance", "--checks", "gradcheck");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).containsPattern("outside\\s+finite differences\\s+" + (RandomNetworks.gradcheckCoverage(0).size()
                    + ConformanceKit.FINITE_DIFFERENCE_TRIES) + "\\s+0\\s+0")
                    .doesNotContainPattern("naive\\s+finite").contains("PASSED: every check on outside");
        } finally {
            System.clearProperty("backprop4j.backend");
        }
    }
}
