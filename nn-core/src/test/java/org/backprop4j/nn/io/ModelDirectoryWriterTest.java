package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory is written as a whole: whatever fails, and wherever it fails, the model that
 * was there is still there, readable and byte for byte unchanged, and nothing is left behind.
 */
class ModelDirectoryWriterTest {
    private static final String PLOT = "loss_curve.png";

    @TempDir
    Path tmp;

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void write(Path dir, SavedModel model, ModelDirectoryWriter.Existing existing,
                              java.util.function.UnaryOperator<java.io.OutputStream> filter) throws IOException {
        try (ModelDirectoryWriter w = ModelDirectoryWriter.prepare(dir, existing, Set.of(PLOT), filter)) {
            w.writeModel(model);
            w.writeFile(PLOT, out -> out.write(new byte[5000]));
            w.commit();
        }
    }

    @Test
    void aWriteFailingAfterAnyNumberOfBytesLeavesTheOldModelReadableAndUnchanged() throws Exception {
        Path dir = tmp.resolve("model");
        write(dir, ModelDirectoryTest.sample(DType.FLOAT32), ModelDirectoryWriter.Existing.REFUSE,
                java.util.function.UnaryOperator.identity());
        Map<String, byte[]> before = snapshot(dir);
        SavedModel replacement = ModelDirectoryTest.regressionSample(DType.FLOAT64);
        long total = 0;
        for (byte[] b : before.values()) {
            total += b.length;
        }
        int failures = 0;
        for (long budget = 0; budget < total + 5000; budget += 151) { // every file, at the start, middle and end
            long at = budget;
            try {
                write(dir, replacement, ModelDirectoryWriter.Existing.REPLACE, FailingOutputStream.after(at));
            } catch (FileWriteException e) {
                failures++;
                assertThat(e.getMessage()).startsWith("cannot write " + dir.resolve(""))
                        .endsWith(": " + FailingOutputStream.REASON);
                assertThat(snapshot(dir)).as("after failing at byte %d", at).containsOnlyKeys(before.keySet());
                for (String f : before.keySet()) {
                    assertThat(Files.readAllBytes(dir.resolve(f))).as(f + " after failing at byte " + at)
                            .isEqualTo(before.get(f));
                }
                assertThat(ModelDirectory.read(dir, ModelDirectoryTest.NAIVE).isClassifier()).isTrue();
                assertThat(names()).as("nothing left beside the model").containsExactly("model");
                continue;
            }
            break; // the budget covered the whole new model
        }
        assertThat(failures).isGreaterThan(10);
        assertThat(ModelDirectory.read(dir, ModelDirectoryTest.NAIVE).isClassifier()).as("replaced at last").isFalse();
        assertThat(names()).containsExactly("model");
    }

    @Test
    void refusesAFileAModelNotAskedToBeReplacedAndForeignFiles() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertRefused(file, OutputRefusedException.Reason.NOT_A_DIRECTORY, file + " is a file; a model is written into a directory");
        Path under = file.resolve("model");
        assertRefused(under, OutputRefusedException.Reason.NOT_A_DIRECTORY, "cannot create " + under + ": " + file
                + " is not a directory");
        Path model = tmp.resolve("model");
        ModelDirectory.write(model, ModelDirectoryTest.sample(DType.FLOAT32));
        Map<String, byte[]> before = snapshot(model);
        assertRefused(model, OutputRefusedException.Reason.HOLDS_A_MODEL,
                model + " already holds a model (model.json, model.safetensors)");
        Files.writeString(model.resolve("predictions.csv"), "mine");
        assertThatThrownBy(() -> ModelDirectoryWriter.prepare(model, ModelDirectoryWriter.Existing.REPLACE, Set.of(PLOT)))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessage(model + " holds predictions.csv, which is not one of a model's files (model.json, "
                        + "model.safetensors, loss_curve.png) and would be lost; choose another directory")
                .extracting(e -> ((OutputRefusedException) e).reason())
                .isEqualTo(OutputRefusedException.Reason.HOLDS_OTHER_FILES);
        assertThat(model.resolve("predictions.csv")).hasContent("mine");
        assertThat(Files.readAllBytes(model.resolve("model.json"))).isEqualTo(before.get("model.json"));
        assertThat(names()).containsExactly("file", "model");
    }

    private void assertRefused(Path dir, OutputRefusedException.Reason reason, String message) {
        assertThatThrownBy(() -> ModelDirectoryWriter.prepare(dir, ModelDirectoryWriter.Existing.REFUSE, Set.of(PLOT)))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessage(message)
                .extracting(e -> ((OutputRefusedException) e).reason()).isEqualTo(reason);
    }

    @Test
    void createsMissingParentsAndTakesAnEmptyDirectory() throws Exception {
        Path deep = tmp.resolve("a").resolve("b").resolve("model");
        ModelDirectory.write(deep, ModelDirectoryTest.sample(DType.FLOAT64));
        assertThat(snapshot(deep)).containsOnlyKeys("model.json", "model.safetensors");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        write(empty, ModelDirectoryTest.sample(DType.FLOAT32), ModelDirectoryWriter.Existing.REFUSE,
                java.util.function.UnaryOperator.identity());
        assertThat(snapshot(empty)).containsOnlyKeys("loss_curve.png", "model.json", "model.safetensors");
        assertThat(names()).containsExactly("a", "empty");
    }

    @Test
    void checksTheTargetBeforeTheWorkAndLeavesItUntouchedWhenAbandoned() throws Exception {
        Path model = tmp.resolve("model");
        try (ModelDirectoryWriter w = ModelDirectoryWriter.prepare(model, ModelDirectoryWriter.Existing.REFUSE,
                Set.of(PLOT))) {
            assertThat(names()).as("a staging directory, next to the target").hasSize(1).allMatch(n -> n.startsWith(".model.tmp-"));
            w.writeModel(ModelDirectoryTest.sample(DType.FLOAT32));
            assertThat(model).doesNotExist();
        } // e.g. training failed: no commit
        assertThat(tmp).isEmptyDirectory();
        try (ModelDirectoryWriter w = ModelDirectoryWriter.prepare(model, ModelDirectoryWriter.Existing.REFUSE, Set.of())) {
            assertThatThrownBy(w::commit).hasMessageContaining("no model.json was written");
            assertThatThrownBy(() -> w.writeFile(PLOT, out -> out.write(1))).hasMessageContaining("is not one of");
        }
        assertThat(tmp).isEmptyDirectory();
    }
}
