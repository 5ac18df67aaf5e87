package org.backprop4j.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Float32GeneratorTest {
    private static final String HEADER =
            "// Generated from Float64K.java by build-tools' Float32Generator: edit that file, not this one.\n";

    @Test
    void wholeWordsOfTheTableAreReplacedInCodeAndComments() {
        String source = "/** float64, on double[]. */\nfinal class Float64K {\n"
                + "    double[] d = x.doubles; // a Double, a DoubleVector, a DoubleBuffer\n"
                + "    long b = Double.doubleToRawLongBits(v) + Double.longBitsToDouble(w);\n"
                + "    DMatrixRMaj m = CommonOps_DDRM.mult(CommonOps_MT_DDRM.x);\n}\n";
        assertThat(Float32Generator.generate(source, "Float64K.java")).isEqualTo(HEADER
                + "/** float32, on float[]. */\nfinal class Float32K {\n"
                + "    float[] d = x.floats; // a Float, a FloatVector, a FloatBuffer\n"
                + "    long b = Float.floatToRawIntBits(v) + Float.intBitsToFloat(w);\n"
                + "    FMatrixRMaj m = CommonOps_FDRM.mult(CommonOps_MT_FDRM.x);\n}\n");
    }

    @Test
    void partsOfWordsAndOtherWordsAreKept() {
        String source = "DoubleLanes.sum(inDouble(doubled, float_double, longs), 2.0, \"double\")";
        assertThat(Float32Generator.generate(source, "Float64K.java"))
                .isEqualTo(HEADER + "DoubleLanes.sum(inDouble(doubled, float_double, longs), 2.0, \"float\")");
    }

    @Test
    void anOverrideDeclarationIsKeptToItsBraceAndItsBodyIsNot() {
        String source = "    @Override\n    public void scale(double alpha,\n            double[] out) {\n"
                + "        double a = (double) alpha;\n    }\n"
                + "    @Override\n    public abstract double sum(double[] x);\n    double after;\n";
        assertThat(Float32Generator.generate(source, "Float64K.java")).isEqualTo(HEADER
                + "    @Override\n    public void scale(double alpha,\n            double[] out) {\n"
                + "        float a = (float) alpha;\n    }\n"
                + "    @Override\n    public abstract double sum(double[] x);\n    float after;\n");
    }

    @Test
    void theFloat32ClassLivesBesideTheFloat64OneAndOtherNamesAreRejected() {
        assertThat(Float32Generator.float32Path(Path.of("a/b/Float64Gemm.java"))).isEqualTo(Path.of("a/b/Float32Gemm.java"));
        assertThatThrownBy(() -> Float32Generator.float32Path(Path.of("a/Gemm.java")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("float64 source (a/Gemm.java) must be named Float64*.java");
    }

    @Test
    void checkPassesForTheGeneratedClassAndFailsForAnEditedOrMissingOne(@TempDir Path dir) throws IOException {
        Path float64 = dir.resolve("Float64K.java");
        Path float32 = dir.resolve("Float32K.java");
        Files.writeString(float64, "class Float64K { double x; }\n");
        assertThatThrownBy(() -> Float32Generator.check(float64)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(float32 + " is not what " + float64 + " makes");

        assertThat(Float32Generator.write(float64)).isTrue();
        assertThat(Files.readString(float32)).isEqualTo(HEADER + "class Float32K { float x; }\n");
        Float32Generator.check(float64);
        assertThat(Float32Generator.write(float64)).isFalse();

        Files.writeString(float32, Files.readString(float32).replace("float x", "float y"));
        assertThatThrownBy(() -> Float32Generator.check(float64)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("edit the float64 class, not the float32 one, and regenerate with java "
                        + "build-tools/src/main/java/org/backprop4j/build/Float32Generator.java " + float64);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("Float64K.java", "Float32K.java");
    }

    @Test
    void theCommandWritesEachClassAndRejectsBadInputWithOneLine(@TempDir Path dir) throws IOException {
        Path float64 = dir.resolve("Float64K.java");
        Files.writeString(float64, "class Float64K {}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Float32Generator.run(new String[] {float64.toString()}, o, e)).isZero();
        assertThat(Float32Generator.run(new String[] {float64.toString()}, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("wrote " + dir.resolve("Float32K.java") + "\ncurrent " + dir.resolve("Float32K.java") + "\n");

        assertThat(Float32Generator.run(new String[] {dir.resolve("Float64None.java").toString()}, o, e)).isEqualTo(2);
        assertThat(Float32Generator.run(new String[] {dir.resolve("K.java").toString()}, o, e)).isEqualTo(2);
        assertThat(Float32Generator.run(new String[0], o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "float64 source (" + dir.resolve("Float64None.java") + ") does not exist",
                "float64 source (" + dir.resolve("K.java") + ") must be named Float64*.java",
                "usage: java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java PATH/Float64X.java...");
    }
}
