package org.backprop4j.backend.vector;

import java.io.IOException;
import java.util.Map;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.DTypeTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The float32 and float64 classes are exactly what their templates make ({@code src/template}),
 * so nobody edits one dtype and forgets the other. With {@code -Dbackprop4j.regenerate=true} the
 * test writes them instead.
 */
class GeneratedSourcesTest {
    private static final String SOURCES = "src/main/java/org/backprop4j/backend/vector";

    static final DTypeTemplate KERNELS = new DTypeTemplate("src/template/Kernels.java.template", Map.of(
            DType.FLOAT32, Map.of("Name", "Float32Kernels", "elem", "float", "Box", "Float", "Vector", "FloatVector",
                    "data", "floats"),
            DType.FLOAT64, Map.of("Name", "Float64Kernels", "elem", "double", "Box", "Double", "Vector", "DoubleVector",
                    "data", "doubles")));

    static final DTypeTemplate GEMM = new DTypeTemplate("src/template/Gemm.java.template", Map.of(
            DType.FLOAT32, Map.of("Name", "Float32Gemm", "elem", "float", "Box", "Float", "Vector", "FloatVector",
                    "data", "floats"),
            DType.FLOAT64, Map.of("Name", "Float64Gemm", "elem", "double", "Box", "Double", "Vector", "DoubleVector",
                    "data", "doubles")));

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedKernelsAreWhatTheTemplateMakes(DType dtype) throws IOException {
        KERNELS.assertCommitted(SOURCES, dtype);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void theCommittedProductIsWhatTheTemplateMakes(DType dtype) throws IOException {
        GEMM.assertCommitted(SOURCES, dtype);
    }
}
