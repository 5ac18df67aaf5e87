package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void parsesPyTorchNames() {
        assertThat(DType.parse("float32")).isEqualTo(DType.FLOAT32);
        assertThat(DType.parse(" Float64 ")).isEqualTo(DType.FLOAT64);
        assertThat(DType.FLOAT32.bytes()).isEqualTo(4);
        assertThat(DType.FLOAT64).hasToString("float64");
    }

    @Test
    void rejectsOthersListingTheAllowedValues() {
        assertThatThrownBy(() -> DType.parse("float16"))
                .hasMessage("dtype 'float16' is not supported; allowed: float32, float64");
        assertThatThrownBy(() -> DType.parse(null)).hasMessageContaining("'null'");
    }

    @Test
    void roundsToFloatOnlyForFloat32() {
        double third = 1.0 / 3.0;
        assertThat(DType.FLOAT32.round(third)).isEqualTo((double) (float) third).isNotEqualTo(third);
        assertThat(DType.FLOAT64.round(third)).isEqualTo(third);
    }
}
