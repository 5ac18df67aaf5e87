package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.cli.data.CsvInputException;
import org.backprop4j.cli.data.CsvReader;
import org.backprop4j.cli.data.CsvTable;
import org.backprop4j.cli.data.CsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        Path f = tmp.resolve("data.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsNumbersByColumnName() throws IOException {
        CsvTable t = CsvTable.read(csv("\uFEFFa, b ,\"c, quoted\"\r\n1,2.5,-3e2\n\n .5 ,+4,\"6\"\n"));
        assertThat(t.header()).containsExactly("a", "b", "c, quoted");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.numbers(List.of("c, quoted", "a"))).containsExactly(-300, 1, 6, 0.5);
        assertThat(t.integers("c, quoted")).containsExactly(-300, 6);
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        Path f = csv("x,y,label\n1,2,0\n3,,1\n5,abc,1.5\n7,8\n");
        assertThatThrownBy(() -> CsvTable.read(f))
                .isInstanceOf(UsageException.class)
                .hasMessage(f + " line 5: 2 values; expected 3, one per column of the header");
        Path g = csv("x,y,label\n1,2,0\n3,,1\n5,abc,1.5\n1e999,1,1\n");
        CsvTable t = CsvTable.read(g);
        assertThatThrownBy(() -> t.numbers(List.of("y")))
                .hasMessage(g + " line 3, column 2 (y): missing value; expected a number");
        CsvTable rowsFromFour = CsvTable.read(csv("x,y,label\n1,2,0\n3,4,1\n5,abc,1.5\n"));
        Path h = tmp.resolve("data.csv");
        assertThatThrownBy(() -> rowsFromFour.numbers(List.of("label", "y")))
                .hasMessage(h + " line 4, column 2 (y): 'abc' is not a number");
        assertThatThrownBy(() -> t.numbers(List.of("x")))
                .hasMessage(g + " line 5, column 1 (x): '1e999' is too large for a double");
        assertThatThrownBy(() -> t.integers("label"))
                .hasMessage(g + " line 4, column 3 (label): '1.5' is not a whole number; a class column holds integer labels"
                        + " (to predict a quantity, train without --classify)");
        assertThatThrownBy(() -> t.numbers(List.of("z")))
                .hasMessage(g + " line 1: no column 'z'; the columns are x, y, label");
    }

    @Test
    void rejectsNonNumbersThatJavaWouldParseAndNonFiniteOnes() throws IOException {
        CsvTable t = CsvTable.read(csv("a,b,c,d,e\nNaN,Infinity,0x1p3,1d,-inf\n"));
        for (String column : List.of("a", "b", "e")) {
            assertThatThrownBy(() -> t.numbers(List.of(column))).hasMessageContaining("is not a finite number");
        }
        for (String column : List.of("c", "d")) {
            assertThatThrownBy(() -> t.numbers(List.of(column))).hasMessageContaining("is not a number");
        }
    }

    @Test
    void rejectsBadHeadersAndBrokenQuotes() throws IOException {
        Path dup = csv("a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> CsvTable.read(dup))
                .hasMessage(dup + " line 1: column name 'a' appears twice (columns 1 and 3); expected distinct names");
        Path empty = csv("a,,c\n1,2,3\n");
        assertThatThrownBy(() -> CsvTable.read(empty)).hasMessageContaining("line 1, column 2: empty column name");
        Path quote = csv("a,b\n1,\"2\n");
        assertThatThrownBy(() -> CsvTable.read(quote))
                .hasMessage(quote + " line 2, column 2: a quoted value is not closed; expected a '\"' before the end of the line");
        Path after = csv("a,b\n1,\"2\"x\n");
        assertThatThrownBy(() -> CsvTable.read(after)).hasMessageContaining("line 2, column 2: text after a closing quote");
        assertThatThrownBy(() -> CsvTable.read(csv("")))
                .hasMessageContaining("empty; expected a header row and at least one data row");
        assertThatThrownBy(() -> CsvTable.read(csv("a,b\n"))).hasMessageContaining("has a header but no data rows");
        assertThatThrownBy(() -> CsvTable.read(tmp.resolve("missing.csv")))
                .hasMessage(tmp.resolve("missing.csv") + ": no such file");
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        StringWriter s = new StringWriter();
        CsvWriter w = new CsvWriter(new PrintWriter(s));
        w.row(List.of("plain", "a,b", "say \"hi\"", " padded", "1.5"));
        w.flush();
        assertThat(s.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\" padded\",1.5" + System.lineSeparator());
    }

    @Test
    void badCsvExitsWithTwoAndOneLine() throws IOException {
        Path f = csv("x,y\n1,2\n3,oops\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "--data", f.toString(), "--target", "y", "--out",
                tmp.resolve("model").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("backprop4j: " + f + " line 3, column 2 (y): 'oops' is not a number"
                + System.lineSeparator());
    }

    @Test
    void refusesWhatIsNotTextAtTheFirstBadLineWithoutReadingOn() throws IOException {
        Path nul = tmp.resolve("zeros.csv");
        Files.write(nul, new byte[1 << 20]); // what --input /dev/zero gives
        assertThatThrownBy(() -> CsvTable.read(nul)).isInstanceOf(CsvInputException.class)
                .hasMessage(nul + " line 1: a NUL character; expected text (is this a CSV file?)");
        Path latin = tmp.resolve("latin1.csv");
        Files.write(latin, "a,b\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvTable.read(latin)).hasMessage(latin + " line 3: not UTF-8 text");
        Path longLine = tmp.resolve("long.csv");
        Files.writeString(longLine, "a\n" + "1".repeat(CsvReader.MAX_LINE_CHARS + 1) + "\n");
        assertThatThrownBy(() -> CsvTable.read(longLine))
                .hasMessage(longLine + " line 2 is longer than " + CsvReader.MAX_LINE_CHARS
                        + " characters; expected CSV lines (is this a CSV file?)");
        assertThatThrownBy(() -> CsvTable.read(tmp)).hasMessage(tmp + " is a directory; expected a CSV file");
    }

    @Test
    void readsEveryLineEnding() throws IOException {
        CsvTable t = CsvTable.read(csv("a,b\r1,2\r\n3,4\n5,6\r"));
        assertThat(t.numbers(List.of("a", "b"))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void refusesDataTooLargeForTheMemoryItMayUseAsSoonAsItIsClear() throws IOException {
        Path f = csv("a,b\n1,2\n3,4\n5,6\n");
        assertThat(CsvTable.read(f, 48).rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> CsvTable.read(f, 47)).isInstanceOf(CsvInputException.class)
                .hasMessageStartingWith(f + ": more than 2 rows of 2 values take more than 47 bytes, the most this run may hold");
    }

    @Test
    void valuesBeyondFloat32AreNamedForAFloat32Model() throws IOException {
        Path f = csv("a,b\n1,2\n3,-4e38\n");
        CsvTable t = CsvTable.read(f);
        t.checkRange(List.of("a", "b"), DType.FLOAT64);
        t.checkRange(List.of("a"), DType.FLOAT32);
        assertThatThrownBy(() -> t.checkRange(List.of("a", "b"), DType.FLOAT32))
                .hasMessage(f + " line 3, column 2 (b): -4e38 is -4.0E38, beyond float32's range of ±3.4028235E38; "
                        + "train with --dtype float64 for values this large");
    }
}
