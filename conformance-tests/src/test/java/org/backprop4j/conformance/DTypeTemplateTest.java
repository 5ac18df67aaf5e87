package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DTypeTemplateTest {
    private static final DTypeTemplate T = new DTypeTemplate("t.template", Map.of(
            DType.FLOAT32, Map.of("Name", "F32", "elem", "float", "narrow", "(float) "),
            DType.FLOAT64, Map.of("Name", "F64", "elem", "double", "narrow", "")));

    @Test
    void directivesKeepOneDtypeAndPlaceholdersAreReplaced() {
        String template = "//# a note\nclass ${Name} {\n//#if float32\n  float only;\n//#else\n  double only;\n"
                + "//#end\n  ${elem} x = ${narrow}y;\n}\n";
        assertThat(T.generate(template, DType.FLOAT32))
                .isEqualTo("// Generated from t.template (see its first lines): edit the template, not this file.\n"
                        + "class F32 {\n  float only;\n  float x = (float) y;\n}\n");
        assertThat(T.generate(template, DType.FLOAT64)).endsWith("class F64 {\n  double only;\n  double x = y;\n}\n")
                .doesNotContain("a note");
    }

    @Test
    void malformedTemplatesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> T.generate("a\n//#end", DType.FLOAT32)).hasMessage("t.template:2: //#end outside //#if");
        assertThatThrownBy(() -> T.generate("//#else", DType.FLOAT32)).hasMessage("t.template:1: //#else outside //#if");
        assertThatThrownBy(() -> T.generate("//#if float32\n//#if float64", DType.FLOAT32))
                .hasMessage("t.template:2: nested //#if");
        assertThatThrownBy(() -> T.generate("//#if float32\nx", DType.FLOAT32))
                .hasMessage("t.template: //#if without //#end");
        assertThatThrownBy(() -> T.generate("${Nope} x;", DType.FLOAT64))
                .hasMessage("t.template:1: unknown placeholder in '${Nope} x;'");
    }

    @Test
    void aCommittedClassThatDiffersFromTheTemplateFailsNamingBoth(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("t.template");
        Files.writeString(template, "class ${Name} {}\n");
        DTypeTemplate t = new DTypeTemplate(template.toString(), Map.of(DType.FLOAT32, Map.of("Name", "F32")));
        Files.writeString(dir.resolve("F32.java"), t.generate("class ${Name} {}\n", DType.FLOAT32));
        t.assertCommitted(dir.toString(), DType.FLOAT32);
        Files.writeString(dir.resolve("F32.java"), "class F32 { int edited; }\n");
        assertThatThrownBy(() -> t.assertCommitted(dir.toString(), DType.FLOAT32)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(dir.resolve("F32.java") + " is not what " + template + " makes");
    }
}
