package org.backprop4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where cases come from: the kit's built-in PyTorch cases, or a directory of case files.
 *
 * <p>A directory is read recursively; every regular file whose name ends in {@code .json} is one
 * case, taken in lexicographic order of its path relative to the directory ({@code /}-separated).
 * Case names must be unique within one run: a file whose name was already used by an earlier
 * file is rejected, naming both. Rejected files stay in the list (see {@link CaseFile}).
 */
public final class Cases {
    /** The class-path directory of the built-in cases. */
    public static final String BUILT_IN_RESOURCE = "org/backprop4j/conformance/cases";
    /** The origin prefix of a built-in case, e.g. {@code built-in:deep/deep1_4x3_tanh_batch6_mean_float32.json}. */
    public static final String BUILT_IN_PREFIX = "built-in:";

    private Cases() {
    }

    /**
     * The kit's built-in cases, read from the class path (from {@code target/classes} or from
     * inside the kit's jar alike).
     *
     * @throws UncheckedIOException when the resources cannot be listed
     */
    public static List<CaseFile> builtIn() {
        return builtIn(Cases.class.getClassLoader());
    }

    /**
     * The cases under {@value #BUILT_IN_RESOURCE} as {@code loader} sees them: a directory, or a
     * directory inside a jar (which must list its directory entries, as Maven's jars do).
     *
     * @throws UncheckedIOException when the resources cannot be found or listed
     */
    public static List<CaseFile> builtIn(ClassLoader loader) {
        URL url = loader.getResource(BUILT_IN_RESOURCE);
        if (url == null) {
            throw new UncheckedIOException(new NoSuchFileException(BUILT_IN_RESOURCE,
                    null, "the built-in cases are not on the class path"));
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                // jar:file:/.../kit.jar!/org/backprop4j/conformance/cases
                String spec = uri.getRawSchemeSpecificPart();
                Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
                try (FileSystem fs = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
                    return read(fs.getPath(BUILT_IN_RESOURCE), BUILT_IN_PREFIX);
                }
            }
            return read(Path.of(uri), BUILT_IN_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the built-in cases at " + url, e);
        }
    }

    /**
     * Every case file under {@code directory}, recursively, in lexicographic order of path.
     *
     * @throws NoSuchFileException   when {@code directory} does not exist
     * @throws NotDirectoryException when it is not a directory
     * @throws IOException           when it cannot be listed
     */
    public static List<CaseFile> fromDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "case directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        return read(directory, "");
    }

    private static List<CaseFile> read(Path root, String originPrefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> relative(root, p)))
                    .toList();
        }
        CaseReader reader = new CaseReader();
        Map<String, String> firstOrigin = new HashMap<>();
        List<CaseFile> cases = new ArrayList<>(files.size());
        for (Path file : files) {
            String origin = originPrefix.isEmpty() ? file.toString() : originPrefix + relative(root, file);
            CaseFile c;
            try (InputStream in = Files.newInputStream(file)) {
                c = CaseFile.of(reader.read(origin, in));
            } catch (CaseFormatException e) {
                c = CaseFile.rejected(e);
            } catch (IOException e) {
                c = CaseFile.rejected(new CaseFormatException(origin, "file", "cannot be read: " + e));
            }
            if (c.isValid()) {
                String earlier = firstOrigin.putIfAbsent(c.parsed().name(), origin);
                if (earlier != null) {
                    c = CaseFile.rejected(new CaseFormatException(origin, "$.name", "\"" + c.parsed().name()
                            + "\" is already the name of " + earlier + "; case names must be unique within a run"));
                }
            }
            cases.add(c);
        }
        return cases;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/");
    }
}
