package org.backprop4j.backend.vector;

import java.io.IOException;
import java.nio.file.Path;
import org.backprop4j.build.Float32Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each float32 class is what build-tools' generator makes of its float64 class, so nobody edits
 * one dtype and forgets the other.
 */
class GeneratedFloat32Test {
    @ParameterizedTest
    @ValueSource(strings = {"Float64Kernels.java", "Float64Gemm.java"})
    void theFloat32ClassIsGeneratedFromTheFloat64One(String float64Class) throws IOException {
        Float32Generator.check(Path.of("src/main/java/org/backprop4j/backend/vector", float64Class));
    }
}
