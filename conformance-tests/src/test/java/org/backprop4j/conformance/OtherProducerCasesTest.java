package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.Test;

/**
 * Case files from another producer ({@code tools/pytorch/other_producer.py}, which shares no code
 * with the project's generator) are read and pass: compact one-line JSON, other key orders, every
 * optional field the spec gives a default for left out, integers written as {@code 3} and
 * {@code 3.0}, float32 values as exact doubles. The reader follows the spec, not our own writer.
 */
class OtherProducerCasesTest {
    private static final Path DIRECTORY = Path.of("src/test/resources/other-producer");

    @Test
    void everyFileIsValidAndPassesOnTheReference() throws Exception {
        List<CaseFile> files = Cases.fromDirectory(DIRECTORY);
        assertThat(files).hasSize(8).allSatisfy(f -> assertThat(f.isValid()).as(f.origin()
                + (f.isValid() ? "" : ": " + f.problem().getMessage())).isTrue());
        assertThat(files).allSatisfy(f -> assertThat(f.parsed().source()).contains("other_producer.py"));
        Backend naive = Backend.wrap(new NaiveBackendProvider());
        for (CaseFile f : files) {
            CaseResult r = CaseRunner.run(f, naive);
            assertThat(r.passed()).as(r.failureReport()).isTrue();
        }
    }
}
