package org.backprop4j.api;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.jar.JarFile;

/**
 * Where backends from outside an application's class path are found: a list of jar files and
 * directories of jar files, written like a class path (entries separated by
 * {@link File#pathSeparator}, {@code :} on Linux and macOS, {@code ;} on Windows). A directory
 * contributes every {@code *.jar} file directly in it, in order of name; other files in it are
 * ignored, and it may hold none. The CLI reads it from {@code --plugin-path}, the system property
 * {@code backprop4j.plugin.path} or the environment variable {@code BACKPROP4J_PLUGIN_PATH}
 * ({@link Setting#PLUGIN_PATH}).
 *
 * <p>{@link Backends#discover(List)} discovers from it; an application with its own class
 * loader (a servlet container, a plug-in host) calls {@link Backends#discover(ClassLoader)}
 * instead. Immutable.
 */
public final class PluginPath {
    private final List<Path> entries;

    private PluginPath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The entries of {@code path}, split at {@link File#pathSeparator}; empty entries (as in
     * {@code a.jar::b.jar} or a trailing separator) are skipped, so a blank text is an empty path.
     * Nothing is checked until {@link #jars()}.
     *
     * @param path the entries joined with {@link File#pathSeparator}, e.g. {@code a.jar:plugins}
     */
    public static PluginPath parse(String path) {
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator, -1)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return new PluginPath(entries);
    }

    /**
     * A path of these entries (jar files or directories), in this order; not checked until
     * {@link #jars()}. {@code entries} is copied, not modified.
     */
    public static PluginPath of(List<Path> entries) {
        entries.forEach(e -> Objects.requireNonNull(e, "a plug-in path entry is null"));
        return new PluginPath(entries);
    }

    /** The entries as given. */
    public List<Path> entries() {
        return entries;
    }

    /** True when there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Every jar on the path: each file entry, and the {@code *.jar} files directly in each
     * directory entry, in order of name. Each is opened once to check that it is a jar.
     *
     * @throws IllegalArgumentException for an entry that does not exist, a file that is not a jar
     *                                  (zip) file, or one that cannot be read, naming the entry
     */
    public List<Path> jars() {
        List<Path> jars = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                List<Path> found = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(entry, PluginPath::isJarName)) {
                    dir.forEach(found::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("plug-in path entry '" + entry + "' is a directory that cannot be read: "
                            + e.getMessage(), e);
                }
                found.sort(Comparator.comparing(p -> p.getFileName().toString()));
                for (Path jar : found) {
                    jars.add(checkedJar(jar, "'" + jar + "' (in directory '" + entry + "')"));
                }
            } else if (Files.exists(entry)) {
                jars.add(checkedJar(entry, "entry '" + entry + "'"));
            } else {
                throw new IllegalArgumentException("plug-in path entry '" + entry
                        + "' does not exist; expected a jar file or a directory of jar files");
            }
        }
        return jars;
    }

    /**
     * A class loader over {@link #jars()} whose parent is {@code parent}: it sees the parent's
     * classes (the API, the built-in backends) and the plug-ins'. It stays open as long as the
     * backends found through it are used; make one per application, not one per call.
     *
     * @throws IllegalArgumentException as {@link #jars()}
     */
    public ClassLoader classLoader(ClassLoader parent) {
        List<Path> jars = jars();
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plug-in jar '" + jars.get(i) + "' has no URL: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("backprop4j-plugins", urls, parent);
    }

    /** The entries joined with {@link File#pathSeparator}, as {@link #parse} reads them. */
    @Override
    public String toString() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PluginPath other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    private static boolean isJarName(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p);
    }

    private static Path checkedJar(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("plug-in path " + what + " is neither a jar file nor a directory");
        }
        try {
            new JarFile(file.toFile()).close(); // opening reads the zip's central directory: that is the check
            return file;
        } catch (IOException e) {
            throw new IllegalArgumentException("plug-in path " + what + " is not a jar file (" + e.getMessage()
                    + "); expected a jar file or a directory of jar files", e);
        } catch (SecurityException e) {
            throw new IllegalArgumentException("plug-in path " + what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
