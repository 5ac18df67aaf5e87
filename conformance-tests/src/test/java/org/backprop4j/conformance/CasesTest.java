package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LossSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CasesTest {

    private static String named(String name) {
        return CaseReaderTest.VALID.replace("\"name\": \"small\"", "\"name\": \"" + name + "\"");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void theBuiltInCasesAreAllValidWithUniqueNamesInBothDtypes() {
        List<CaseFile> cases = Cases.builtIn();
        assertThat(cases).hasSize(368).allMatch(CaseFile::isValid);
        Set<String> names = new HashSet<>();
        cases.forEach(c -> assertThat(names.add(c.parsed().name())).as(c.parsed().name()).isTrue());
        assertThat(cases).filteredOn(c -> c.parsed().dtype() == DType.FLOAT32).hasSize(184);
        assertThat(cases.get(0).origin()).isEqualTo("built-in:activations/elu_alpha0p5_exact_points_8x4_batch6_mean_float32.json");
        assertThat(cases).filteredOn(c -> c.parsed().train().isPresent()).hasSize(66);
        assertThat(cases).extracting(c -> c.parsed().loss().type()).contains(LossSpec.Type.values());
    }

    @Test
    void readsADirectoryRecursivelyInLexicographicOrderOfPath(@TempDir Path dir) throws IOException {
        write(dir.resolve("b.json"), named("b"));
        write(dir.resolve("a/z.json"), named("az"));
        write(dir.resolve("a.json"), named("a"));
        write(dir.resolve("a/notes.txt"), "not a case");
        write(dir.resolve("B/c.json"), named("upper"));
        List<CaseFile> cases = Cases.fromDirectory(dir);
        assertThat(cases).extracting(CaseFile::displayName).containsExactly("upper", "a", "az", "b");
        assertThat(cases.get(2).origin()).isEqualTo(dir.resolve("a/z.json").toString());
    }

    @Test
    void aMalformedFileIsRejectedAndTheOthersStillRead(@TempDir Path dir) throws IOException {
        write(dir.resolve("1.json"), named("one"));
        write(dir.resolve("2.json"), named("two").replace("\"dtype\": \"float64\"", "\"dtype\": \"double\""));
        write(dir.resolve("3.json"), "{ not json");
        write(dir.resolve("4.json"), named("four"));
        List<CaseFile> cases = Cases.fromDirectory(dir);
        assertThat(cases).extracting(CaseFile::isValid).containsExactly(true, false, false, true);
        assertThat(cases.get(1).problem().getMessage())
                .isEqualTo(dir.resolve("2.json") + ": $.dtype: is \"double\"; expected \"float32\" or \"float64\"");
        assertThat(cases.get(2).problem().problem()).startsWith("not valid JSON");
    }

    @Test
    void aRepeatedNameRejectsTheLaterFile(@TempDir Path dir) throws IOException {
        write(dir.resolve("a/first.json"), named("same"));
        write(dir.resolve("b/second.json"), named("same"));
        List<CaseFile> cases = Cases.fromDirectory(dir);
        assertThat(cases.get(0).isValid()).isTrue();
        assertThat(cases.get(1).problem().location()).isEqualTo("$.name");
        assertThat(cases.get(1).problem().problem()).isEqualTo("\"same\" is already the name of "
                + dir.resolve("a/first.json") + "; case names must be unique within a run");
    }

    @Test
    void aMissingDirectoryOrAFileIsAnError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Cases.fromDirectory(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        write(dir.resolve("file.json"), named("x"));
        assertThatThrownBy(() -> Cases.fromDirectory(dir.resolve("file.json"))).isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void readsTheBuiltInCasesFromInsideAJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("kit.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String directory : List.of("org/", "org/backprop4j/", "org/backprop4j/conformance/",
                    Cases.BUILT_IN_RESOURCE + "/", Cases.BUILT_IN_RESOURCE + "/sub/")) {
                j.putNextEntry(new JarEntry(directory));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry(Cases.BUILT_IN_RESOURCE + "/sub/b.json"));
            j.write(named("in jar b").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            j.putNextEntry(new JarEntry(Cases.BUILT_IN_RESOURCE + "/a.json"));
            j.write(named("in jar a").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<CaseFile> cases = Cases.builtIn(loader);
            assertThat(cases).extracting(CaseFile::origin).containsExactly("built-in:a.json", "built-in:sub/b.json");
            assertThat(cases).extracting(CaseFile::displayName).containsExactly("in jar a", "in jar b");
        }
    }
}
