package org.backprop4j.backend.ejml;

import java.io.IOException;
import java.nio.file.Path;
import org.backprop4j.build.Float32Generator;
import org.junit.jupiter.api.Test;

/**
 * {@code Float32Kernels} is what build-tools' generator makes of {@code Float64Kernels}, so nobody edits one
 * dtype and forgets the other.
 */
class GeneratedFloat32Test {
    @Test
    void float32KernelsIsGeneratedFromFloat64Kernels() throws IOException {
        Float32Generator.check(Path.of("src/main/java/org/backprop4j/backend/ejml/Float64Kernels.java"));
    }
}
