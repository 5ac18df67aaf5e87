package org.backprop4j.backend.nd4j;

import java.io.IOException;
import java.util.Map;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.DTypeTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Float32Elements.java} and {@code Float64Elements.java} are exactly what
 * {@code src/template/Elements.java.template} makes, so nobody edits one dtype and forgets the
 * other. With {@code -Dbackprop4j.regenerate=true} the test writes them instead.
 */
class GeneratedElementsTest {
    static final DTypeTemplate TEMPLATE = new DTypeTemplate("src/template/Elements.java.template", Map.of(
            DType.FLOAT32, Map.of("Name", "Float32Elements", "dtype", "float32", "elem", "float",
                    "Buffer", "FloatBuffer", "bits", "int", "toBits", "Float.floatToRawIntBits",
                    "fromBits", "Float.intBitsToFloat", "zero", "0", "ones", "-1", "narrow", "(float) "),
            DType.FLOAT64, Map.of("Name", "Float64Elements", "dtype", "float64", "elem", "double",
                    "Buffer", "DoubleBuffer", "bits", "long", "toBits", "Double.doubleToRawLongBits",
                    "fromBits", "Double.longBitsToDouble", "zero", "0L", "ones", "-1L", "narrow", "")));

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedClassIsTheOneTheTemplateMakes(DType dtype) throws IOException {
        TEMPLATE.assertCommitted("src/main/java/org/backprop4j/backend/nd4j", dtype);
    }
}
