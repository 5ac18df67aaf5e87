package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's faults made real, each in a JVM of its own: a file system that refuses to grow a file
 * ({@code ulimit -f}: "File too large" from the kernel, as a full disk gives "No space left on
 * device"), standard output on a full device, a small heap. A model directory, an input CSV and
 * an existing output file survive each of them unchanged, and each run says what happened in one
 * line and exits with 1.
 */
class ForkedFaultsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void linux() {
        assumeTrue(Files.exists(Path.of("/dev/full")) && Files.isExecutable(Path.of("/bin/bash")),
                "needs Linux's /dev/full and bash");
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((f, bytes) -> assertThat(after.get(f)).as(f).isEqualTo(bytes));
    }

    private static void assertOneLineFailure(ForkedCli r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err().lines().filter(l -> l.startsWith("backprop4j:")).toList()).as(r.err())
                .containsExactly("backprop4j: error: " + message);
    }

    /** Finding 2: a training run whose files cannot be written leaves the model that was there. */
    @Test
    void aModelThatCannotBeWrittenLeavesTheOldOneUnchanged() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 60);
        Path model = tmp.resolve("model");
        Run first = TrainCommandTest.run("--backend", "naive", "train", "--data", data.toString(), "--target", "y",
                "--hidden", "4", "--epochs", "1", "--out", model.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Map<String, byte[]> before = snapshot(tmp);
        // 64 KiB per file: the old model and the data fit, the new weights (about 100 KiB) do not
        ForkedCli r = ForkedCli.run(tmp, List.of("-Xmx256m"), "ulimit -f 64;", "", "--backend", "naive", "train",
                "--data", data.toString(), "--target", "y", "--hidden", "160,160", "--epochs", "1", "--out",
                model.toString(), "--overwrite");
        assertOneLineFailure(r, "cannot write " + model.resolve("model.safetensors") + ": File too large");
        assertSame(before, snapshot(tmp)); // the model, the data, and no staging directory left behind
    }

    /** Findings 1 and 3: predictions that cannot be written fail the run and leave the old output. */
    @Test
    void predictionsThatCannotBeWrittenLeaveTheOldOutputUnchanged() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 1000);
        Path model = tmp.resolve("model");
        assertThat(TrainCommandTest.run("--backend", "naive", "train", "--data", data.toString(), "--target", "y",
                "--hidden", "4", "--epochs", "1", "--out", model.toString()).code()).isZero();
        Path out = Files.writeString(tmp.resolve("predictions.csv"), "y\n1.0\n");
        Map<String, byte[]> before = snapshot(tmp);
        ForkedCli r = ForkedCli.run(tmp, List.of("-Xmx256m"), "ulimit -f 8;", "", "--backend", "naive", "predict",
                "--model", model.toString(), "--input", data.toString(), "--output", out.toString(), "--overwrite");
        assertOneLineFailure(r, "cannot write " + out + ": File too large");
        assertSame(before, snapshot(tmp));
        ForkedCli full = ForkedCli.run(tmp, List.of("-Xmx256m"), "", "> /dev/full", "--backend", "naive", "predict",
                "--model", model.toString(), "--input", data.toString());
        assertOneLineFailure(full, "cannot write standard output: No space left on device");
        assertSame(before, snapshot(tmp));
    }

    /**
     * Findings 4 and 5: a model that passes the memory estimate but still does not fit (the naive
     * backend holds float32 in doubles, twice the estimate) ends in one line and exit 1, not a
     * stack trace. The weights file is sparse: 40 MB of zeros that take no disk.
     */
    @Test
    void runningOutOfMemoryIsOneLine() throws Exception {
        Path model = Files.createDirectory(tmp.resolve("big"));
        int width = 1000;
        int layers = 10;
        StringBuilder json = new StringBuilder("{\"format\": \"backprop4j.model/1\", \"dtype\": \"float32\", \"model\": [");
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (int i = 0; i < layers; i++) {
            json.append(i > 0 ? ", " : "").append("{\"type\": \"linear\", \"in\": ").append(width)
                    .append(", \"out\": ").append(width).append(", \"bias\": false}");
            long bytes = 4L * width * width;
            header.append(i > 0 ? "," : "").append(String.format(Locale.ROOT,
                    "\"%d.weight\":{\"dtype\":\"F32\",\"shape\":[%d,%d],\"data_offsets\":[%d,%d]}", i, width, width,
                    offset, offset + bytes));
            offset += bytes;
        }
        Files.writeString(model.resolve("model.json"), json.append("]}").toString());
        byte[] h = header.append("}").toString().getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile f = new RandomAccessFile(model.resolve("model.safetensors").toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            f.write(h);
            f.setLength(8 + h.length + offset);
        }
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < width; j++) {
            csv.append(j > 0 ? "," : "").append("x").append(j);
        }
        csv.append('\n').append("0,".repeat(width - 1)).append("0\n");
        Path input = Files.writeString(tmp.resolve("one.csv"), csv.toString());
        ForkedCli r = ForkedCli.run(tmp, List.of("-Xmx128m"), "", "", "--backend", "naive", "predict", "--model",
                model.toString(), "--input", input.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err().lines().filter(l -> l.startsWith("backprop4j:")).toList()).as(r.err()).singleElement()
                .asString().startsWith("backprop4j: error: out of memory (") // "Java heap space" on every GC here
                .containsPattern("; the JVM may use 1[0-9]{2}\\.[0-9] MB; raise it with BACKPROP4J_JAVA_OPTS=-Xmx1g$");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    /**
     * Finding 5 and streaming: 100,000 rows predicted in 16 MB of heap, where reading the file whole,
     * as text, ran out of memory.
     */
    @Test
    void predictStreamsAFileLargerThanItsHeapAllows() throws Exception {
        Path data = TrainCommandTest.regressionCsv(tmp, 200);
        Path model = tmp.resolve("model");
        assertThat(TrainCommandTest.run("--backend", "naive", "train", "--data", data.toString(), "--target", "y",
                "--hidden", "4", "--epochs", "1", "--out", model.toString()).code()).isZero();
        Path big = tmp.resolve("big.csv");
        String row = "5.123456,-1.234567,0.123456\n";
        int rows = 100_000;
        try (var w = Files.newBufferedWriter(big)) {
            w.write("a,b,c\n");
            for (int i = 0; i < rows; i++) {
                w.write(row);
            }
        }
        ForkedCli r = ForkedCli.run(tmp, List.of("-Xmx16m"), "", "", "--backend", "naive", "predict", "--model",
                model.toString(), "--input", big.toString(), "--output", "/dev/null");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + rows + " predictions to /dev/null" + System.lineSeparator());
    }
}
