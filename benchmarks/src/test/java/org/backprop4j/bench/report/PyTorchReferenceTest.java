package org.backprop4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PyTorchReferenceTest {

    @Test
    void readsTheScriptsFormat() {
        PyTorchReference ref = Fixtures.pytorch();
        assertThat(ref.torchVersion()).isEqualTo("1.13.1");
        assertThat(ref.blas()).isEqualTo("OpenBLAS");
        assertThat(ref.threads()).containsExactly(1, 2);
        assertThat(ref.atThreads(2).stepsPerSecond("large", "float32")).hasValue(10.0);
        assertThat(ref.atThreads(1).stepsPerSecond("large", "float32")).hasValue(5.0);
        assertThat(ref.atThreads(1).stepsPerSecond("tiny", "float32")).isEmpty();
        assertThat(ref.atThreads(2).stepsPerSecond("large", "float64")).isEmpty();
    }

    @Test
    void keepsTheTunedSetupApartFromTheDefaultOneWhichFilesWithoutTheFieldHold() {
        PyTorchReference ref = Fixtures.pytorch();
        assertThat(ref.atThreads(2).tunedStepsPerSecond("large", "float32")).hasValue(25.0);
        assertThat(ref.atThreads(2).stepsPerSecond("large", "float32")).hasValue(10.0);
        assertThat(ref.atThreads(2).stepsPerSecond("tiny", "float32")).hasValue(10000.0); // no "setup" field
        assertThat(ref.atThreads(2).tunedStepsPerSecond("tiny", "float32")).isEmpty();
        assertThat(ref.atThreads(1).tunedStepsPerSecond("large", "float32")).isEmpty();
    }

    @Test
    void rejectsAnUnknownSetupNamingTheResult() {
        String json = "{\"format\": \"backprop4j.bench.pytorch/1\", \"torch\": \"1.13.1\", \"date\": \"d\", "
                + "\"machine\": \"m\", \"results\": [{\"config\": \"large\", \"dtype\": \"float32\", "
                + "\"threads\": 2, \"setup\": \"fast\", \"steps_per_second\": 1.0}]}";
        assertThatThrownBy(() -> PyTorchReference.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PyTorch reference result 0 has setup 'fast'; expected default or tuned");
    }

    @Test
    void theBundledReferenceCoversEveryConfigAndDtypeAtOneAndTwoThreadsAndBothSetupsAtTwo() {
        PyTorchReference ref = PyTorchReference.bundled();
        assertThat(ref.threads()).contains(1, 2);
        for (int threads : new int[] {1, 2}) {
            for (String config : new String[] {"tiny", "digits", "large"}) {
                for (String dtype : new String[] {"float32", "float64"}) {
                    assertThat(ref.atThreads(threads).stepsPerSecond(config, dtype))
                            .as("%s %s at %d threads", config, dtype, threads).isPresent();
                    if (threads > 1) {
                        assertThat(ref.atThreads(threads).tunedStepsPerSecond(config, dtype))
                                .as("%s %s at %d threads, tuned", config, dtype, threads).isPresent();
                    }
                }
            }
        }
    }

    @Test
    void rejectsAnotherFormat() {
        assertThatThrownBy(() -> PyTorchReference.parse("{\"format\": \"x/2\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PyTorch reference has format 'x/2'; expected backprop4j.bench.pytorch/1");
        assertThatThrownBy(() -> PyTorchReference.parse("{\"format\": \"backprop4j.bench.pytorch/1\", \"results\": []}"))
                .hasMessage("PyTorch reference lacks field 'torch'");
    }
}
