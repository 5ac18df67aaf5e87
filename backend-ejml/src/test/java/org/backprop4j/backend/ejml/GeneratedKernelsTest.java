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
            DType.FLOAT32, Map.of("Name", "Float32Kernels", "elem", "float", "Matrix", "FMatrixRMaj",
                    "Ops", "CommonOps_FDRM", "OpsMT", "CommonOps_MT_FDRM", "narrow", "(float) "),
            DType.FLOAT64, Map.of("Name", "Float64Kernels", "elem", "double", "Matrix", "DMatrixRMaj",
                    "Ops", "CommonOps_DDRM", "OpsMT", "CommonOps_MT_DDRM", "narrow", "")));

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedClassIsTheOneTheTemplateMakes(DType dtype) throws IOException {
        TEMPLATE.assertCommitted("src/main/java/org/backprop4j/backend/ejml", dtype);
    }
}
