package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Map;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, findings 4, 6 and 7: nothing in a model directory is trusted. Sizes are checked
 * against each other and against the files before anything is allocated, non-finite values are
 * refused, and what is not a file is named as what it is, without echoing its content.
 */
class UntrustedModelTest {
    @TempDir
    Path tmp;

    private Path model(SavedModel m) throws IOException {
        Path dir = tmp.resolve("model");
        ModelDirectory.write(dir, m);
        return dir;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    /** A 300-byte model.json with hidden widths of 20000 next to small weights: refused before 6.4 GB are allocated. */
    @Test
    void hugeWidthsInModelJsonAreCheckedAgainstTheWeightsBeforeAnythingIsBuilt() throws Exception {
        Path dir = model(ModelDirectoryTest.regressionSample(DType.FLOAT64));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        edit(json, "\"out\": 4", "\"out\": 20000");
        edit(json, "\"in\": 4", "\"in\": 20000");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(dir.resolve(ModelDirectory.WEIGHTS) + ": tensor '0.weight' has shape [4, 3]; "
                        + "the model in model.json needs [20000, 3]");
    }

    /**
     * A model.json and a sparse safetensors file that agree on a network larger than the JVM may
     * use: refused from the header and the estimate, before the weights are read or the network built.
     */
    @Test
    void aConsistentModelTooLargeForTheJvmIsRefusedBeforeAllocation() throws Exception {
        long limit = Runtime.getRuntime().maxMemory();
        int width = (int) Math.ceil(Math.sqrt(limit / 8.0)) + 1; // 2 * 4 bytes * width^2 > limit
        Path dir = Files.createDirectory(tmp.resolve("huge"));
        Files.writeString(dir.resolve(ModelDirectory.MODEL_JSON), "{\"format\": \"backprop4j.model/1\", \"dtype\": "
                + "\"float32\", \"model\": [{\"type\": \"linear\", \"in\": " + width + ", \"out\": " + width
                + ", \"bias\": false}]}");
        String header = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[" + width + "," + width + "],\"data_offsets\":[0,"
                + 4L * width * width + "]}}";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            f.write(h);
            f.setLength(8 + h.length + 4L * width * width); // sparse: gigabytes of zeros that take no disk
        }
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelTooLargeException.class)
                .hasMessageStartingWith(dir.resolve(ModelDirectory.MODEL_JSON) + ": the network needs ")
                .hasMessageContaining(", the JVM may use ");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefusedBeforeTheHeaderIsRead() throws Exception {
        Path f = tmp.resolve("junk.safetensors");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(90_000_000).array());
            r.setLength(1000);
        }
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(ModelFormatException.class)
                .hasMessage(f + ": header length 90000000 runs past the end of the file (992 bytes follow the length)");
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTensorAndIndexUnlessAllowed() throws Exception {
        Path dir = model(ModelDirectoryTest.regressionSample(DType.FLOAT32));
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafeTensors.read(weights));
        double[] w = tensors.get("2.weight").data();
        w[5] = Double.NaN;
        tensors.put("2.weight", new StoredTensor(DType.FLOAT32, new int[] {2, 4}, w));
        SafeTensors.write(weights, tensors);
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(weights + ": tensor '2.weight' element [1, 1] is NaN; expected finite weights");
        SavedModel allowed = ModelDirectory.read(dir, ModelDirectoryTest.NAIVE, NonFiniteValues.ALLOW);
        assertThat(allowed.predict(new double[] {1, 2, 3})[1]).isNaN();
    }

    @Test
    void float64WeightsBeyondFloat32sRangeAreRefusedForAFloat32Model() throws Exception {
        Path dir = model(ModelDirectoryTest.regressionSample(DType.FLOAT64));
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafeTensors.read(weights));
        double[] b = tensors.get("0.bias").data();
        b[2] = 1e300;
        tensors.put("0.bias", new StoredTensor(DType.FLOAT64, new int[] {4}, b));
        SafeTensors.write(weights, tensors);
        assertThat(ModelDirectory.read(dir, ModelDirectoryTest.NAIVE).network().stateDict().get("0.bias")[2])
                .as("a float64 model holds it").isEqualTo(1e300);
        edit(dir.resolve(ModelDirectory.MODEL_JSON), "\"float64\"", "\"float32\"");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessage(weights + ": tensor '0.bias' element [2] is 1.0E300, beyond float32's range of "
                        + "±3.4028235E38; expected finite weights");
    }

    @Test
    void aSubnormalStdIsRefused() throws Exception {
        Path dir = model(ModelDirectoryTest.regressionSample(DType.FLOAT64));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        edit(json, "[0.5, 1.5, 0.001]", "[0.5, 1e-320, 0.001]");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(json + ": normalize.input_std[1] is 1.0E-320; expected a finite number > 0"
                        + " whose reciprocal is finite too");
    }

    @Test
    void classesNeedAClassifier() throws Exception {
        Path dir = model(ModelDirectoryTest.sample(DType.FLOAT32));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        String original = Files.readString(json);
        edit(json, "\"input_std\": [0.5, 1.5, 0.001]", "\"input_std\": [0.5, 1.5, 0.001], \"target_std\": [1, 2]");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessage(json + ": classes marks a classifier, but normalize has target_mean or target_std, "
                        + "which only a regression model's outputs have; a classifier's outputs are class scores");
        Files.writeString(json, original.replace("\"labels\": [-1, 4]", "\"labels\": [3]"));
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessageContaining("classes: classes has 1 label [3]; a classifier tells at least two classes apart");
    }

    @Test
    void aModelJsonThatIsADirectoryOrAPipeIsNamedAsSuch() throws Exception {
        Path dir = model(ModelDirectoryTest.sample(DType.FLOAT32));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        Files.delete(json);
        Files.createDirectory(json);
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(json + " is a directory; a model directory holds model.json and model.safetensors as files");
        Files.delete(json);
        assumeTrue(mkfifo(json), "mkfifo is available");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE)) // opening it would block
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(json + " is a named pipe (FIFO); a model directory holds model.json and model.safetensors as files");
    }

    static boolean mkfifo(Path p) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aModelJsonLinkedToAnotherFileDoesNotEchoIt() throws Exception {
        Path dir = model(ModelDirectoryTest.sample(DType.FLOAT32));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        Path secret = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:s3cret:/root:/bin/bash\n");
        Files.delete(json);
        Files.createSymbolicLink(json, secret);
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(json + ": not valid JSON at line 1, column 1: unexpected text")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root").doesNotContain("s3cret"));
        Files.delete(json);
        Files.writeString(json, "{\"format\": \"backprop4j.model/1\", \"format\": 2}");
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessageStartingWith(json + ": not valid JSON at line 1, column ")
                .hasMessageEndingWith(": a key appears twice in one object");
    }

    @Test
    void aModelJsonLargerThanAnyDescriptionIsRefusedWithoutReadingIt() throws Exception {
        Path dir = model(ModelDirectoryTest.sample(DType.FLOAT32));
        Path json = dir.resolve(ModelDirectory.MODEL_JSON);
        try (RandomAccessFile f = new RandomAccessFile(json.toFile(), "rw")) {
            f.setLength(ModelJson.MAX_BYTES + 1L);
        }
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessage(json + ": more than " + ModelJson.MAX_BYTES + " bytes; a model description is far smaller"
                        + " (its weights are in the safetensors file)");
    }

    @Test
    void weightsThatAreNotAFileAreNamed() throws Exception {
        Path dir = model(ModelDirectoryTest.sample(DType.FLOAT32));
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        Files.delete(weights);
        Files.createDirectory(weights);
        assertThatThrownBy(() -> ModelDirectory.read(dir, ModelDirectoryTest.NAIVE))
                .hasMessage(weights + " is a directory; a model directory holds model.json and model.safetensors as files");
        assertThat(List.of(dir.resolve(ModelDirectory.MODEL_JSON))).allMatch(Files::isRegularFile);
    }
}
