package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {
    @TempDir
    Path dir;

    /**
     * A jar holding a provider named {@code name} that is compiled here, so the class exists only
     * in the jar, and registered in the jar's {@code META-INF/services}.
     */
    private Path providerJar(String jarName, String name) throws IOException {
        return providerJar(jarName, name, "Plugin" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Provider");
    }

    private Path providerJar(String jarName, String name, String className) throws IOException {
        Path src = dir.resolve("src-" + className).resolve("example/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package example;
                import java.util.EnumSet;
                import java.util.Set;
                import org.backprop4j.api.DType;
                import org.backprop4j.api.spi.*;
                public final class %s implements BackendProvider {
                    public String name() { return "%s"; }
                    public String version() { return "plug-in 1.0"; }
                    public int priority() { return 1; }
                    public Set<DType> dtypes() { return EnumSet.of(DType.FLOAT64); }
                    public ProbeResult probe(BackendSettings s) { return ProbeResult.available("threads " + s.threads()); }
                    public TensorOps create(BackendSettings s) { throw new UnsupportedOperationException(); }
                }
                """.formatted(className, name));
        Path classes = dir.resolve("classes-" + className);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(exit).as("javac").isZero();
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("example/" + className + ".class"));
            out.write(Files.readAllBytes(classes.resolve("example/" + className + ".class")));
            out.putNextEntry(new JarEntry("META-INF/services/org.backprop4j.api.spi.BackendProvider"));
            out.write(("example." + className + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void parsesLikeAClassPathSkippingEmptyEntries() {
        String sep = File.pathSeparator;
        PluginPath path = PluginPath.parse("a.jar" + sep + sep + "plugins" + sep);
        assertThat(path.entries()).containsExactly(Path.of("a.jar"), Path.of("plugins"));
        assertThat(path).hasToString("a.jar" + sep + "plugins").isEqualTo(PluginPath.parse(path.toString()));
        assertThat(PluginPath.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void aJarOnThePathIsDiscoveredProbedAndSelectedLikeABuiltInBackend() throws IOException {
        Path jar = providerJar("outside.jar", "outside");
        assertThat(Backends.discover().names()).doesNotContain("outside");
        Backends found = Backends.discover(List.of(jar)).withThreads(3);
        assertThat(found.names()).contains("outside");
        BackendInfo info = found.describe().stream().filter(i -> i.name().equals("outside")).findFirst().orElseThrow();
        assertThat(info.probe()).hasToString("available: threads OptionalInt[3]");
        assertThat(found.resolve("OUTSIDE").name()).isEqualTo("outside");
    }

    @Test
    void aDirectoryContributesItsJarsInOrderOfNameAndIgnoresOtherFiles() throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Files.move(providerJar("b.jar", "second"), plugins.resolve("b.jar"));
        Files.move(providerJar("a.JAR", "first"), plugins.resolve("a.JAR"));
        write(plugins.resolve("README.txt"), "not a jar");
        Files.createDirectories(plugins.resolve("nested.jar")); // a directory is not a jar file
        assertThat(PluginPath.of(List.of(plugins)).jars()).containsExactly(plugins.resolve("a.JAR"), plugins.resolve("b.jar"));
        assertThat(Backends.discover(List.of(plugins)).names()).contains("first", "second");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(PluginPath.of(List.of(dir.resolve("empty"))).jars()).isEmpty();
    }

    @Test
    void aMissingEntryIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope.jar");
        assertThatThrownBy(() -> Backends.discover(List.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plug-in path entry '" + missing + "' does not exist; expected a jar file or a directory of jar files");
    }

    @Test
    void aFileThatIsNotAJarIsAnErrorNamingIt() throws IOException {
        Path text = dir.resolve("notes.txt");
        write(text, "hello");
        assertThatThrownBy(() -> PluginPath.of(List.of(text)).jars())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("plug-in path entry '" + text + "' is not a jar file (")
                .hasMessageEndingWith("); expected a jar file or a directory of jar files");
        Path fake = dir.resolve("plugins/fake.jar");
        write(fake, "not a zip");
        assertThatThrownBy(() -> PluginPath.of(List.of(fake.getParent())).jars())
                .hasMessageStartingWith("plug-in path '" + fake + "' (in directory '" + fake.getParent() + "') is not a jar file (");
    }

    @Test
    void twoProvidersOfOneNameOnClassPathAndPluginPathAreRejected() throws IOException {
        Path one = providerJar("one.jar", "twin", "OneTwinProvider");
        Path other = providerJar("other.jar", "twin", "OtherTwinProvider");
        assertThatThrownBy(() -> Backends.discover(List.of(one, other)))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("two backend providers share the name 'twin'")
                .hasMessageEndingWith("remove one from the class path or plug-in path");
    }
}
