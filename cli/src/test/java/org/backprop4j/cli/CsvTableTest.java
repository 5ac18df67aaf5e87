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
                .hasMessage(g + " line 4, column 3 (label): '1.5' is not a whole number; a class column holds integer labels");
        assertThatThrownBy(() -> t.numbers(List.of("z")))
                .hasMessage(g + " line 1: no column 'z'; the columns are x, y, label");
    }

    @Test
    void rejectsNonNumbersThatJavaWouldParse() throws IOException {
        CsvTable t = CsvTable.read(csv("a,b,c,d\nNaN,Infinity,0x1p3,1d\n"));
        for (String column : t.header()) {
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
}
