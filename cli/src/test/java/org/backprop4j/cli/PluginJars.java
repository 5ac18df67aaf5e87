package org.backprop4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.backprop4j.api.spi.BackendProvider;

/** Plug-in jars for the CLI's tests. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * A jar at {@code jar} whose {@code META-INF/services} registers {@code provider}; the class
     * itself is on the test class path, which the plug-in class loader sees as its parent.
     */
    static Path registering(Path jar, Class<? extends BackendProvider> provider) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + BackendProvider.class.getName()));
            out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
