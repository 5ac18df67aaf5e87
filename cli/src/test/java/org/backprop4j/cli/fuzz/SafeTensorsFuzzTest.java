package org.backprop4j.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.backprop4j.nn.io.ModelFormatException;
import org.backprop4j.nn.io.SafeTensors;
import org.backprop4j.nn.io.StoredTensor;

/**
 * The safetensors reader on mutated files: it either reads a file or refuses it with a
 * {@link ModelFormatException}, never anything else (no other exception, no out-of-memory from a
 * size it was told); reading from a file and from memory agree; and what it accepts, written
 * back, reads back bit for bit.
 */
class SafeTensorsFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void scratch() {
        dir = FuzzFiles.createDirectory("safetensors-fuzz");
    }

    @AfterContainer
    static void clean() {
        FuzzFiles.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> files() {
        return Mutations.of(Corpus.files("safetensors"), true);
    }

    @Property(seed = "20261129")
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // the coverage check below is what matters
    void onlyItsOwnErrorEscapesAndWhatItAcceptsRoundTrips(@ForAll("files") byte[] bytes) throws Exception {
        Outcomes.requireBothOften();
        Path file = Files.write(dir.resolve("in.safetensors"), bytes);
        Map<String, StoredTensor> read;
        try {
            read = SafeTensors.read(file);
            Outcomes.record(true);
        } catch (ModelFormatException e) {
            Outcomes.record(false);
            assertThatThrownBy(() -> SafeTensors.decode(bytes, file.toString()))
                    .isInstanceOf(ModelFormatException.class).hasMessage(e.getMessage());
            return;
        }
        assertSameTensors(SafeTensors.decode(bytes, file.toString()), read);
        Path again = dir.resolve("again.safetensors");
        SafeTensors.write(again, read);
        assertSameTensors(SafeTensors.read(again), read);
    }

    static void assertSameTensors(Map<String, StoredTensor> actual, Map<String, StoredTensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String key : expected.keySet()) {
            StoredTensor a = actual.get(key);
            StoredTensor e = expected.get(key);
            assertThat(a.dtype()).as(key).isEqualTo(e.dtype());
            assertThat(a.shape()).as(key).isEqualTo(e.shape());
            assertThat(bits(a.data())).as(key).isEqualTo(bits(e.data()));
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
