package org.backprop4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in a JVM of its own, through a shell, for what an in-process run cannot show: a
 * small heap, a file-size limit ({@code ulimit -f}, a real "File too large" from the operating
 * system at a chosen size), standard output redirected to a device.
 *
 * @param code the exit code
 * @param out  what it wrote to standard output (empty when redirected)
 * @param err  what it wrote to standard error
 */
record ForkedCli(int code, String out, String err) {
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * Runs {@code java JVM_OPTIONS -cp CLASSPATH org.backprop4j.cli.Main ARGS} under {@code bash -c},
     * after {@code shellPrefix} (e.g. {@code ulimit -f 16;}) and with {@code redirect} (e.g.
     * {@code > /dev/full}) appended.
     */
    static ForkedCli run(Path workDir, List<String> jvmOptions, String shellPrefix, String redirect, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-XX:-UsePerfData"); // no hsperfdata file: a file-size limit is for the files the CLI writes
        jvmOptions.forEach(o -> command.add(quote(o)));
        command.add("-cp");
        command.add(quote(System.getProperty("java.class.path")));
        command.add("org.backprop4j.cli.Main");
        for (String a : args) {
            command.add(quote(a));
        }
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        String script = shellPrefix + " exec " + String.join(" ", command) + " " + redirect;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile())
                .redirectError(err.toFile());
        if (redirect.isEmpty()) {
            pb.redirectOutput(out.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the forked CLI did not finish in " + TIMEOUT_SECONDS + " s: " + script);
        }
        ForkedCli r = new ForkedCli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
