package org.backprop4j.backend.ejml;

import java.io.IOException;
import java.util.Map;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.DTypeTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Float32Kernels.java} and {@code Float64Kernels.java} are exactly what
 * {@code src/template/Kernels.java.template} makes, so nobody edits one dtype and forgets the
 * other. With {@code -Dbackprop4j.regenerate=true} the test writes them instead.
 */
class GeneratedKernelsTest {
    static final DTypeTemplate TEMPLATE = new DTypeTemplate("src/template/Kernels.java.template", Map.of(
            DType.FLOAT32, Map.ofEntries(Map.entry("Name", "Float32Kernels"), Map.entry("elem", "float"),
                    Map.entry("Matrix", "FMatrixRMaj"), Map.entry("Ops", "CommonOps_FDRM"),
                    Map.entry("OpsMT", "CommonOps_MT_FDRM"), Map.entry("narrow", "(float) "), Map.entry("bits", "int"),
                    Map.entry("toBits", "Float.floatToRawIntBits"), Map.entry("fromBits", "Float.intBitsToFloat"),
                    Map.entry("zero", "0"), Map.entry("ones", "-1")),
            DType.FLOAT64, Map.ofEntries(Map.entry("Name", "Float64Kernels"), Map.entry("elem", "double"),
                    Map.entry("Matrix", "DMatrixRMaj"), Map.entry("Ops", "CommonOps_DDRM"),
                    Map.entry("OpsMT", "CommonOps_MT_DDRM"), Map.entry("narrow", ""), Map.entry("bits", "long"),
                    Map.entry("toBits", "Double.doubleToRawLongBits"), Map.entry("fromBits", "Double.longBitsToDouble"),
                    Map.entry("zero", "0L"), Map.entry("ones", "-1L"))));

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedClassIsTheOneTheTemplateMakes(DType dtype) throws IOException {
        TEMPLATE.assertCommitted("src/main/java/org/backprop4j/backend/ejml", dtype);
    }
}
