package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.EveryOpRound;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once warm, no op of the backend allocates on the Java heap (below the size at which EJML's
 * concurrent products make their fork-join tasks): choosing a kernel is a method reference or a
 * lambda that captures nothing, and every kernel works on the tensors' arrays. Measured in bytes
 * with the JVM's per-thread allocation counter, not in time.
 */
class EjmlAllocationTest {
    private final Backend backend = Backend.wrap(new EjmlBackendProvider());

    @ParameterizedTest(name = "every op allocates nothing once warm ({0})")
    @EnumSource(DType.class)
    void everyOpAllocatesNothingOnceWarm(DType dtype) {
        Assumptions.assumeTrue(EveryOpRound.allocationCounterSupported(), "allocation counter unsupported");
        // an [8, 10] batch, a [4, 10] weight; 20,000 rounds let the JIT compile the ops
        EveryOpRound round = new EveryOpRound(backend, dtype, 8, 10, 4);
        assertThat(round.bytesPerRound(20_000, 2_000)).as("bytes allocated per round of every op").isLessThan(16);
        assertThat(round.sink()).isNotNaN();
    }
}
