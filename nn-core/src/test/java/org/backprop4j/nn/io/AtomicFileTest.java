package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checked, atomic writes: the old content survives every failure, and every failure is reported. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheContentWhole() throws Exception {
        Path f = tmp.resolve("out.csv");
        Files.writeString(f, "old");
        AtomicFile.write(f, out -> out.write("new content".getBytes(StandardCharsets.UTF_8)));
        assertThat(f).hasContent("new content");
        assertThat(entries()).containsExactly(f);
    }

    /** A shorter content leaves nothing of a longer one, wherever the file is (a regular file in /dev/shm too). */
    @Test
    void aRegularFileIsAlwaysReplacedNeverWrittenOver() throws Exception {
        List<Path> dirs = new java.util.ArrayList<>(List.of(tmp));
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            dirs.add(Files.createTempDirectory(shm, "atomic"));
        }
        for (Path dir : dirs) {
            Path f = dir.resolve("f.txt");
            AtomicFile.write(f, out -> out.write("a much longer first content".getBytes(StandardCharsets.UTF_8)));
            assertThat(AtomicFile.writesInPlace(f)).isFalse();
            AtomicFile.write(f, out -> out.write("short".getBytes(StandardCharsets.UTF_8)));
            assertThat(f).hasContent("short");
        }
        if (dirs.size() > 1) {
            Files.delete(dirs.get(1).resolve("f.txt"));
            Files.delete(dirs.get(1));
        }
        assumeTrue(Files.exists(Path.of("/dev/null")), "/dev/null is a Unix device");
        assertThat(AtomicFile.writesInPlace(Path.of("/dev/null"))).isTrue();
    }

    @Test
    void aWriteThatFailsAfterAnyNumberOfBytesLeavesTheOldContentAndNoTemporaryFile() throws Exception {
        Path f = tmp.resolve("out.csv");
        Files.writeString(f, "old content");
        byte[] big = new byte[200_000]; // more than the 64 KiB buffer: failures inside and after the buffer
        for (long budget : new long[] {0, 1, 65_535, 65_536, 65_537, 199_999}) {
            assertThatThrownBy(() -> AtomicFile.write(f, f, out -> out.write(big), FailingOutputStream.after(budget)))
                    .as("failing after %d bytes", budget)
                    .isInstanceOf(FileWriteException.class)
                    .hasMessage("cannot write " + f + ": " + FailingOutputStream.REASON);
            assertThat(f).hasContent("old content");
            assertThat(entries()).containsExactly(f);
        }
        AtomicFile.write(f, f, out -> out.write(big), FailingOutputStream.after(200_000));
        assertThat(Files.size(f)).isEqualTo(200_000);
    }

    @Test
    void aBodyThatThrowsLeavesNothing() {
        Path f = tmp.resolve("new.csv");
        assertThatThrownBy(() -> AtomicFile.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("the caller's own failure");
        })).hasMessage("the caller's own failure");
        assertThat(f).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void closingWithoutCommitAbandonsTheFile() throws Exception {
        Path f = tmp.resolve("x");
        Files.writeString(f, "kept");
        try (AtomicFile a = AtomicFile.open(f)) {
            a.stream().write("discarded".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(f).hasContent("kept");
        assertThat(entries()).containsExactly(f);
    }

    @Test
    void aFullDeviceIsAnErrorNamingIt() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "/dev/full is a Linux device");
        assertThatThrownBy(() -> AtomicFile.write(full, out -> out.write(new byte[10])))
                .isInstanceOf(FileWriteException.class)
                .hasMessage("cannot write /dev/full: No space left on device");
    }

    @Test
    void refusesADirectoryAndAMissingParentNamingTheTarget() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        assertThatThrownBy(() -> AtomicFile.write(dir, out -> out.write(1)))
                .isInstanceOf(FileWriteException.class).hasMessage("cannot write " + dir + ": it is a directory");
        Path orphan = tmp.resolve("missing").resolve("f.csv");
        assertThatThrownBy(() -> AtomicFile.write(orphan, out -> out.write(1)))
                .isInstanceOf(FileWriteException.class)
                .hasMessage("cannot write " + orphan + ": no such file or directory");
    }

    @Test
    void writesThroughASymbolicLink() throws Exception {
        Path real = tmp.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), real);
        AtomicFile.write(link, out -> out.write('n'));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("n");
    }
}
