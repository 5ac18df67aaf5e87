package org.backprop4j.backend.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction-set flags the kernel reports for the first processor ({@code flags} in Linux's
 * {@code /proc/cpuinfo}, e.g. {@code avx2}, {@code fma}, {@code avx512f}, {@code avx512_bf16}):
 * what the operating system lets programs use, which is what matters for choosing OpenBLAS's
 * kernel ({@link OpenBlasCore#bestFor}).
 *
 * @param flags the flags, lower case as the kernel prints them; empty when unknown (not Linux, or
 *              {@code /proc/cpuinfo} unreadable)
 */
record CpuFlags(Set<String> flags) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    CpuFlags {
        flags = Set.copyOf(flags);
    }

    /** The flags of this machine; none when {@code /proc/cpuinfo} cannot be read. */
    static CpuFlags current() {
        try {
            return parse(Files.readString(CPUINFO));
        } catch (IOException | SecurityException e) {
            return new CpuFlags(Set.of());
        }
    }

    /**
     * The flags on the first {@code flags : ...} line of {@code cpuinfo} text; none when there is
     * no such line (ARM kernels call it {@code Features}, which holds no x86 flag anyway).
     */
    static CpuFlags parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new CpuFlags(Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .filter(f -> !f.isEmpty()).collect(Collectors.toSet()));
            }
        }
        return new CpuFlags(Set.of());
    }

    /** True when every one of {@code names} is among the flags. */
    boolean hasAll(String... names) {
        return flags.containsAll(Arrays.asList(names));
    }
}
