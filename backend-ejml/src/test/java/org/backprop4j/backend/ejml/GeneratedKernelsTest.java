package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.api.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code Float32Kernels.java} and {@code Float64Kernels.java} are exactly what
 * {@link KernelsGenerator} makes from the template, so nobody edits one dtype and forgets the
 * other. With {@code -Dbackprop4j.regenerate=true} the test writes them instead.
 */
class GeneratedKernelsTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedClassIsTheOneTheTemplateMakes(DType dtype) throws IOException {
        String template = Files.readString(Path.of(KernelsGenerator.TEMPLATE));
        String generated = KernelsGenerator.generate(template, dtype);
        Path source = Path.of(KernelsGenerator.TARGET_DIR, KernelsGenerator.className(dtype) + ".java");
        if (Boolean.getBoolean("backprop4j.regenerate")) {
            Files.writeString(source, generated);
        }
        assertThat(Files.readString(source)).as("%s; regenerate it from %s (see its first lines)", source,
                KernelsGenerator.TEMPLATE).isEqualTo(generated);
    }

    @Test
    void directivesKeepOneDtypeAndPlaceholdersAreReplaced() {
        String template = "//# a note\nclass ${Name} {\n//#if float32\n  float only;\n//#else\n  double only;\n"
                + "//#end\n  ${elem} x = ${narrow}y;\n}";
        assertThat(KernelsGenerator.generate(template, DType.FLOAT32))
                .endsWith("class Float32Kernels {\n  float only;\n  float x = (float) y;\n}")
                .doesNotContain("a note");
        assertThat(KernelsGenerator.generate(template, DType.FLOAT64))
                .endsWith("class Float64Kernels {\n  double only;\n  double x = y;\n}");
    }

    @Test
    void malformedTemplatesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> KernelsGenerator.generate("a\n//#end", DType.FLOAT32))
                .hasMessage(KernelsGenerator.TEMPLATE + ":2: //#end outside //#if");
        assertThatThrownBy(() -> KernelsGenerator.generate("//#if float32\nx", DType.FLOAT32))
                .hasMessage(KernelsGenerator.TEMPLATE + ": //#if without //#end");
        assertThatThrownBy(() -> KernelsGenerator.generate("${Nope} x;", DType.FLOAT64))
                .hasMessage(KernelsGenerator.TEMPLATE + ":1: unknown placeholder in '${Nope} x;'");
    }
}
