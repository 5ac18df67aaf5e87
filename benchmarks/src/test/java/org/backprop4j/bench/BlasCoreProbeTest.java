package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlasCoreProbeTest {

    @Test
    void readsTheCoreLineOfOpenBlasVerboseOutput() {
        String output = "INFO  Nd4jBackend - Loaded\nCore: Cooperlake\nnd4j blas vendor: OPENBLAS\n";
        assertThat(BlasCoreProbe.coreFrom(output, null)).isEqualTo("Cooperlake (OPENBLAS_VERBOSE=2)");
        assertThat(BlasCoreProbe.coreFrom(output, "SkylakeX"))
                .isEqualTo("Cooperlake (OPENBLAS_VERBOSE=2, forced by OPENBLAS_CORETYPE=SkylakeX)");
    }

    @Test
    void saysWhatTheProbePrintedWhenThereIsNoCoreLine() {
        assertThat(BlasCoreProbe.coreFrom("Exception in thread main\njava.lang.UnsatisfiedLinkError: no jnind4jcpu\n", null))
                .isEqualTo("unknown (OpenBLAS printed no core; probe said: java.lang.UnsatisfiedLinkError: no jnind4jcpu)");
        assertThat(BlasCoreProbe.coreFrom("", null)).isEqualTo("unknown (OpenBLAS printed no core; probe said: no output)");
    }
}
