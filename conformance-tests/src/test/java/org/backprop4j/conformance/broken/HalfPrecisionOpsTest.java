package org.backprop4j.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The broken backend's binary16 rounding is itself right, or its test would prove nothing. */
class HalfPrecisionOpsTest {
    private static float half(float f) {
        return HalfPrecisionOps.roundToHalf(f);
    }

    @Test
    void keepsHalfValuesAndRoundsToTheNearestWithTiesToEven() {
        assertThat(half(1.0f)).isEqualTo(1.0f);
        assertThat(half(65504f)).isEqualTo(65504f);
        assertThat(half(1 + 0x1p-10f)).isEqualTo(1 + 0x1p-10f); // the next half after 1
        assertThat(half(1 + 0x1p-11f)).isEqualTo(1.0f); // halfway: to even
        assertThat(half(1 + 3 * 0x1p-11f)).isEqualTo(1 + 0x1p-9f); // halfway: to even, upwards
        assertThat(half(1 + 0x1p-11f + 0x1p-20f)).isEqualTo(1 + 0x1p-10f); // above halfway
        assertThat(half(0.1f)).isEqualTo(0.0999755859375f);
        assertThat(half(-0.1f)).isEqualTo(-0.0999755859375f);
        assertThat(half(2047.5f)).isEqualTo(2048f);
    }

    @Test
    void overflowsAndUnderflowsAsBinary16() {
        assertThat(half(65519f)).isEqualTo(65504f);
        assertThat(half(65520f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(half(-1e6f)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(half(0x1p-24f)).isEqualTo(0x1p-24f); // the smallest subnormal half
        assertThat(half(0x1p-25f)).isEqualTo(0.0f); // halfway to it: to even, 0
        assertThat(half(3 * 0x1p-25f)).isEqualTo(0x1p-23f);
        assertThat(half(0x1p-14f + 0x1p-30f)).isEqualTo(0x1p-14f); // the smallest normal half
        assertThat(Float.isNaN(half(Float.NaN))).isTrue();
        assertThat(Float.floatToRawIntBits(half(-0.0f))).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }
}
