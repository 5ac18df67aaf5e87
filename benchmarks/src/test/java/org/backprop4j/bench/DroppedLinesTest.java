package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DroppedLinesTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(new DroppedLines(sink, Suite.INCUBATOR_WARNING), true,
            StandardCharsets.UTF_8);

    private String seen() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsWholeLinesThatStartWithThePrefixAndNothingElse() {
        out.print("# Fork: 1 of 1\nWARNING: Using incubator modules: jdk.incubator.vector\n# Warmup\n"
                + "WARNING: Using incubator\nWARNING: something else\n  WARNING: Using incubator modules: indented\n");
        assertThat(seen()).isEqualTo("# Fork: 1 of 1\n# Warmup\nWARNING: Using incubator\nWARNING: something else\n"
                + "  WARNING: Using incubator modules: indented\n");
    }

    @Test
    void aPartialLinePassesAsSoonAsItCannotBeThePrefix() {
        out.print("# Warmup Iteration   1: ");
        out.flush();
        assertThat(seen()).isEqualTo("# Warmup Iteration   1: ");
        out.print("12.3 ops/s\nWARN");
        out.flush();
        assertThat(seen()).as("WARN may still become the prefix").isEqualTo("# Warmup Iteration   1: 12.3 ops/s\n");
        out.print("ING: Using incubator modules: x\ndone\n");
        assertThat(seen()).isEqualTo("# Warmup Iteration   1: 12.3 ops/s\ndone\n");
    }

    @Test
    void closingPassesOnAHeldBackStart() throws IOException {
        out.print("WARNING");
        out.close();
        assertThat(seen()).isEqualTo("WARNING");
    }
}
