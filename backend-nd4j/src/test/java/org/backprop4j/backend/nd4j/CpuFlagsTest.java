package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuFlagsTest {

    @Test
    void readsTheFirstProcessorsFlagsLine() {
        String cpuinfo = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)\nflags\t\t: fpu sse2 avx2 fma avx512f\n"
                + "bogomips\t: 4200.00\n\nprocessor\t: 1\nflags\t\t: fpu sse2\n";
        CpuFlags flags = CpuFlags.parse(cpuinfo);
        assertThat(flags.flags()).containsExactlyInAnyOrder("fpu", "sse2", "avx2", "fma", "avx512f");
        assertThat(flags.hasAll("avx2", "fma")).isTrue();
        assertThat(flags.hasAll("avx2", "avx512bw")).isFalse();
    }

    @Test
    void noFlagsLineGivesNoFlags() {
        assertThat(CpuFlags.parse("processor\t: 0\nFeatures\t: fp asimd\n").flags()).isEmpty();
        assertThat(CpuFlags.parse("").flags()).isEmpty();
    }
}
