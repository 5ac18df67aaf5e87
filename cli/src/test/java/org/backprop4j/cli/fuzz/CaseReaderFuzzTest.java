package org.backprop4j.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import org.backprop4j.conformance.CaseFormatException;
import org.backprop4j.conformance.CaseReader;
import org.backprop4j.conformance.ConformanceCase;

/**
 * The case reader, through its public {@link CaseReader#read(String, java.io.InputStream)} only,
 * on mutated case files: it either reads a case or refuses it with a {@link CaseFormatException},
 * never anything else; and a case it accepts, laid out again (pretty-printed, every number as
 * written), reads as the same case.
 */
class CaseReaderFuzzTest {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Provide
    Arbitrary<byte[]> cases() {
        return Mutations.of(Corpus.files("cases"), false);
    }

    @Property(seed = "20261129")
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // the coverage check below is what matters
    void onlyItsOwnErrorEscapesAndWhatItAcceptsRoundTrips(@ForAll("cases") byte[] bytes) throws Exception {
        Outcomes.requireBothOften();
        ConformanceCase read;
        try {
            read = new CaseReader().read("fuzz.json", new ByteArrayInputStream(bytes));
            Outcomes.record(true);
        } catch (CaseFormatException e) {
            Outcomes.record(false);
            assertThat(e.origin()).isEqualTo("fuzz.json");
            return;
        }
        ConformanceCase again = new CaseReader().read("fuzz.json", new ByteArrayInputStream(relaidOut(bytes)));
        assertThat(again).usingRecursiveComparison() // every number bit for bit: NaN equals NaN, -0.0 does not equal 0.0
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class)
                .isEqualTo(read);
    }

    /** The same JSON, pretty-printed token by token, numbers copied as written. */
    static byte[] relaidOut(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser p = JSON.createParser(json); JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    g.writeNumber(p.getText()); // the text as written: -0 keeps its sign, 0.1 its digits
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        }
        return out.toByteArray();
    }
}
