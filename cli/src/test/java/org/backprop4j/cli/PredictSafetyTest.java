package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backprop4j.cli.TrainCommandTest.assertUsage;
import static org.backprop4j.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.api.DType;
import org.backprop4j.cli.TrainCommandTest.Run;
import org.backprop4j.cli.output.OutputFileCheck;
import org.backprop4j.cli.output.RecordingOutputStream;
import org.backprop4j.nn.io.FileKind;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.SafeTensors;
import org.backprop4j.nn.io.StoredTensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, findings 1, 3, 6 and 7 for {@code predict}: a failed write fails the run, the input,
 * the model and an existing output survive every fault, and non-finite numbers do not pass
 * silently.
 */
class PredictSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path data;
    private Path model;

    @BeforeEach
    void train() throws Exception {
        TrainedRegression trained = TrainedRegression.in(tmp, 40); // "2.bias" is the output layer's bias
        data = trained.data();
        model = trained.model();
    }

    private Run predict(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--backend", "naive", "predict", "--model",
                model.toString(), "--input", data.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    private static void assertFailed(Run r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).isEqualTo("backprop4j: error: " + message + System.lineSeparator());
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(tmp.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private void assertUnchanged(Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> after = snapshot();
        assertThat(after.keySet()).as("no file added or removed").containsExactlyElementsOf(before.keySet());
        for (String f : before.keySet()) {
            assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
        }
    }

    @Test
    void aFullDeviceFailsTheRun() {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full is a Linux device");
        assertFailed(predict("--output", "/dev/full"), "cannot write /dev/full: No space left on device");
    }

    @Test
    void devicesAreWrittenToNotReplaced() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")), "/dev/null is a Unix device");
        Run r = predict("--output", "/dev/null"); // exists, yet needs no --overwrite: nothing is replaced
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(FileKind.of(Path.of("/dev/null"))).isEqualTo(FileKind.CHARACTER_DEVICE); // no file renamed over it
        assertThat(OutputFileCheck.isStandardOutput(Path.of("/dev/stdout"))).isTrue();
        assertThat(OutputFileCheck.isStandardOutput(Path.of("/dev/fd/../fd/1"))).isTrue();
        assertThat(OutputFileCheck.isStandardOutput(tmp.resolve("stdout"))).isFalse();
        Run stdout = predict("--output", "/dev/stdout"); // through the command's own standard output
        assertThat(stdout.code()).as(stdout.err()).isZero();
        assertThat(stdout.out().lines().count()).isEqualTo(41);
    }

    @Test
    void standardOutputThatCannotBeWrittenFailsTheRun() {
        RecordingOutputStream full = new RecordingOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--backend", "naive", "predict", "--model", model.toString(), "--input",
                data.toString()}, new PrintWriter(new OutputStreamWriter(full, StandardCharsets.UTF_8), true),
                new PrintWriter(err, true), () -> full.failure() == null ? null : full.failure().getMessage());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEqualTo("backprop4j: error: cannot write standard output: No space left on device"
                + System.lineSeparator());
    }

    @Test
    void theInputAndTheModelAreNeverAnOutput() throws Exception {
        Map<String, byte[]> before = snapshot();
        assertUsage(predict("--output", data.toString(), "--overwrite"), "--output " + data + " is the input file (--input "
                + data + "); writing the predictions there would destroy it; choose another file");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), data);
        assertUsage(predict("--output", link.toString(), "--overwrite"), "is the input file");
        Files.delete(link);
        Path hard = Files.createLink(tmp.resolve("hard.csv"), data);
        assertUsage(predict("--output", hard.toString(), "--overwrite"), "is the input file");
        Files.delete(hard);
        Path json = model.resolve(ModelDirectory.MODEL_JSON);
        assertUsage(predict("--output", json.toString(), "--overwrite"), "--output " + json
                + " is inside the model directory " + model + "; writing there could replace the model; choose a file outside it");
        assertUsage(predict("--output", model.resolve("predictions.csv").toString()), "is inside the model directory");
        assertUnchanged(before);
    }

    @Test
    void anOutputThatIsADirectoryOrHasNoDirectoryIsBadUsage() throws Exception {
        assertUsage(predict("--output", tmp.toString()), "--output " + tmp
                + " is a directory; expected the name of a CSV file to write");
        Path orphan = tmp.resolve("nowhere").resolve("p.csv");
        assertUsage(predict("--output", orphan.toString()), "--output " + orphan + ": its directory "
                + tmp.resolve("nowhere") + " does not exist; create the directory first");
    }

    @Test
    void anExistingOutputIsReplacedOnlyWhenAskedAndWhole() throws Exception {
        Path out = Files.writeString(tmp.resolve("out.csv"), "earlier predictions\n");
        Map<String, byte[]> before = snapshot();
        assertUsage(predict("--output", out.toString()), "--output " + out + " already exists; pass --overwrite to replace it");
        assertUnchanged(before);
        Files.writeString(data, Files.readString(data) + "1,2,oops,4\n"); // fails after every other row is predicted
        Map<String, byte[]> broken = snapshot();
        assertUsage(predict("--output", out.toString(), "--overwrite"), data + " line 42, column 3 (c): 'oops' is not a number");
        assertUnchanged(broken);
        String text = Files.readString(data);
        Files.writeString(data, text.substring(0, text.lastIndexOf("1,2,oops")));
        Run r = predict("--output", out.toString(), "--overwrite");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(41).first().isEqualTo("y");
    }

    @Test
    void nonFiniteAndOutOfRangeInputsAreErrorsNamingTheCell() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b,c\n1,2,3\n4,nan,6\n");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", bad.toString()),
                bad + " line 3, column 2 (b): 'nan' is not a finite number");
        Files.writeString(bad, "a,b,c\n1,2,3\n4,5,1e300\n");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", bad.toString()),
                bad + " line 3, column 3 (c): 1e300 is 1.0E300, beyond float32's range of ±3.4028235E38");
        Path json = model.resolve(ModelDirectory.MODEL_JSON);
        ObjectNode doc = (ObjectNode) JSON.readTree(json.toFile());
        ((ObjectNode) doc.get("normalize")).putArray("input_std").add(1e-3).add(1e-3).add(1e-3);
        Files.writeString(json, JSON.writeValueAsString(doc));
        Files.writeString(bad, "a,b,c\n1,2,3\n4,5,3e38\n");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", bad.toString()),
                bad + " line 3, column 3 (c): 3e38 standardised as (x - input_mean) / input_std is 3.0000000000000002E41, beyond "
                        + "float32's range of ±3.4028235E38; the model was not trained on values near it");
        Files.writeString(bad, "a,b,c\n1,2,3\n4,NaN,6\n");
        Run allowed = run("--backend", "naive", "predict", "--model", model.toString(), "--input", bad.toString(),
                "--allow-non-finite");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out().lines()).containsExactly("y", allowed.out().lines().toList().get(1), "NaN");
    }

    @Test
    void aNonFinitePredictionFailsTheRunNamingTheFirstRow() throws Exception {
        Path weights = model.resolve(ModelDirectory.WEIGHTS);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafeTensors.read(weights));
        double[] w = tensors.get("0.weight").data();
        w[0] = 3e38; // finite, but the first input times it overflows float32 on rows where it is large
        tensors.put("0.weight", new StoredTensor(DType.FLOAT32, tensors.get("0.weight").shape(), w));
        SafeTensors.write(weights, tensors);
        Run allowed = predict("--allow-non-finite");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        List<String> rows = allowed.out().lines().toList();
        int first = 1;
        while (Double.isFinite(Double.parseDouble(rows.get(first)))) {
            first++;
        }
        Path out = Files.writeString(tmp.resolve("out.csv"), "kept\n");
        Run r = predict("--output", out.toString(), "--overwrite");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).isEqualTo("backprop4j: error: " + data + " line " + (first + 1) + ": the prediction 'y' is "
                + rows.get(first) + "; the model overflows on this row (--allow-non-finite writes it anyway)"
                + System.lineSeparator()); // the data file's line: its header is line 1
        assertThat(out).hasContent("kept");
    }

    @Test
    void aNonFiniteWeightIsRefusedAtLoad() throws Exception {
        Path weights = model.resolve(ModelDirectory.WEIGHTS);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafeTensors.read(weights));
        double[] b = tensors.get("2.bias").data();
        b[0] = Double.NaN;
        tensors.put("2.bias", new StoredTensor(DType.FLOAT32, tensors.get("2.bias").shape(), b));
        SafeTensors.write(weights, tensors);
        assertUsage(predict(), weights + ": tensor '2.bias' element [0] is NaN; expected finite weights");
        Run allowed = predict("--allow-non-finite");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out().lines().skip(1)).containsOnly("NaN");
    }

    @Test
    void notACsvFileIsRefusedAtTheFirstLine() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero is a Linux device");
        assertUsage(run("--backend", "naive", "predict", "--model", model.toString(), "--input", zero.toString()),
                "/dev/zero line 1: a NUL character; expected text (is this a CSV file?)");
    }

    /** A model.json and a sparse weights file that agree on a network larger than the heap: refused, exit 2, with the fix. */
    @Test
    void aModelTooLargeForTheJvmIsRefusedWithTheSettingToRaise() throws Exception {
        long limit = Runtime.getRuntime().maxMemory();
        int width = (int) Math.ceil(Math.sqrt(limit / 8.0)) + 1;
        Path big = Files.createDirectory(tmp.resolve("big"));
        Files.writeString(big.resolve("model.json"), "{\"format\": \"backprop4j.model/1\", \"dtype\": \"float32\", "
                + "\"model\": [{\"type\": \"linear\", \"in\": " + width + ", \"out\": " + width + ", \"bias\": false}]}");
        byte[] header = ("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[" + width + "," + width + "],\"data_offsets\":[0,"
                + 4L * width * width + "]}}").getBytes(StandardCharsets.US_ASCII);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.resolve("model.safetensors").toFile(), "rw")) {
            f.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            f.write(header);
            f.setLength(8 + header.length + 4L * width * width); // sparse
        }
        Run r = run("--backend", "naive", "predict", "--model", big.toString(), "--input", data.toString());
        assertUsage(r, big.resolve("model.json") + ": the network needs ");
        assertThat(r.err()).contains(", the JVM may use ").contains("; raise it with BACKPROP4J_JAVA_OPTS=-Xmx");
    }
}
