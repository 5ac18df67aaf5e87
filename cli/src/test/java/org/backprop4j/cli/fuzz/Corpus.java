package org.backprop4j.cli.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed seed corpus in {@code src/test/resources/fuzz} (made by
 * {@code tools/fuzz/make_corpus.py}): valid files and the hand-made bad inputs of issue 9.
 */
final class Corpus {
    private Corpus() {
    }

    /** The entries of corpus directory {@code name} ({@code safetensors}, {@code models}, {@code cases}, {@code csv}), sorted. */
    static List<Path> entries(String name) {
        try {
            Path dir = Path.of(Corpus.class.getResource("/fuzz/" + name).toURI());
            try (Stream<Path> s = Files.list(dir)) {
                return s.sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of every file of corpus directory {@code name}. */
    static List<byte[]> files(String name) {
        return entries(name).stream().map(Corpus::bytes).toList();
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
