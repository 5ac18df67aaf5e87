package org.backprop4j.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.backprop4j.cli.data.CsvInputException;
import org.backprop4j.cli.data.CsvNumbers;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.cli.data.CsvWriter;
import org.backprop4j.nn.io.NonFiniteValues;

/**
 * The CSV readers on mutated files: the streaming {@link CsvReader}, its numbers
 * ({@link CsvNumbers}) and the in-memory {@link CsvTable} either read a file or refuse it with a
 * {@link CsvInputException}, never anything else; and what they accept, written with
 * {@link CsvWriter}, reads back as the same header and fields.
 */
class CsvFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void scratch() {
        dir = FuzzFiles.createDirectory("csv-fuzz");
    }

    @AfterContainer
    static void clean() {
        FuzzFiles.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> files() {
        return Mutations.of(Corpus.files("csv"), false);
    }

    @Property(seed = "20261129")
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // the coverage check below is what matters
    void onlyItsOwnErrorEscapesAndWhatItAcceptsRoundTrips(@ForAll("files") byte[] bytes) throws Exception {
        Outcomes.requireBothOften();
        List<String> header;
        List<String[]> rows = new ArrayList<>();
        try (CsvReader in = CsvReader.of("fuzz.csv", new ByteArrayInputStream(bytes))) {
            header = in.header();
            for (CsvReader.Row row = in.next(); row != null; row = in.next()) {
                rows.add(row.fields());
                for (String field : row.fields()) {
                    for (NonFiniteValues policy : NonFiniteValues.values()) {
                        try {
                            CsvNumbers.parse(field, policy, () -> "fuzz.csv");
                        } catch (CsvInputException notANumber) {
                            assertThat(notANumber.getMessage()).startsWith("fuzz.csv: ");
                        }
                    }
                }
            }
        } catch (CsvInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.csv");
            header = null;
        }
        Outcomes.record(header != null);
        Path file = Files.write(dir.resolve("in.csv"), bytes);
        try {
            CsvTable table = CsvTable.read(file);
            assertThat(header).as("the table reads what the reader reads").isEqualTo(table.header());
            assertThat(table.rowCount()).isEqualTo(rows.size());
            try {
                assertThat(table.numbers(table.header())).hasSize(rows.size() * header.size());
            } catch (CsvInputException notNumbers) {
                assertThat(notNumbers.getMessage()).startsWith(file.toString());
            }
        } catch (CsvInputException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
        }
        if (header != null) {
            assertRoundTrip(header, rows);
        }
    }

    private static void assertRoundTrip(List<String> header, List<String[]> rows) {
        StringWriter text = new StringWriter();
        CsvWriter out = new CsvWriter(new PrintWriter(text));
        out.row(header);
        for (String[] r : rows) {
            out.row(Arrays.asList(r));
        }
        out.flush();
        try (CsvReader again = CsvReader.of("again.csv",
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)))) {
            assertThat(again.header()).isEqualTo(header);
            for (String[] r : rows) {
                CsvReader.Row row = again.next();
                assertThat(row).as("a row of " + Arrays.toString(r)).isNotNull();
                assertThat(row.fields()).isEqualTo(r);
            }
            assertThat(again.next()).isNull();
        }
    }
}
