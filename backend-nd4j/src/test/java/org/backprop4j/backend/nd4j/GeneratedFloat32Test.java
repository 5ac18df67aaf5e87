package org.backprop4j.backend.nd4j;

import java.io.IOException;
import java.nio.file.Path;
import org.backprop4j.build.Float32Generator;
import org.junit.jupiter.api.Test;

/**
 * {@code Float32Elements} is what build-tools' generator makes of {@code Float64Elements}, so nobody edits one
 * dtype and forgets the other.
 */
class GeneratedFloat32Test {
    @Test
    void float32ElementsIsGeneratedFromFloat64Elements() throws IOException {
        Float32Generator.check(Path.of("src/main/java/org/backprop4j/backend/nd4j/Float64Elements.java"));
    }
}
