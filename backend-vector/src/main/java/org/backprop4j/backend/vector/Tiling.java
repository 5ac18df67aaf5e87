package org.backprop4j.backend.vector;

/**
 * The shape of the packed matrix product: the register tile and the cache blocks, and when a
 * product is too small to pack or large enough to split among threads. The measurements behind
 * each choice are in {@code benchmarks/results/backend-vector.md}.
 */
final class Tiling {
    /**
     * Inner-dimension block: a {@code KC x NR} sliver of {@code op(b)} is 32 KB in either dtype
     * ({@code NR} is 32 floats or 16 doubles on AVX-512), which stays in a 48 KB L1 data cache
     * while the micro-kernel runs down a block of {@code op(a)}.
     */
    static final int KC = 256;
    /** Rows of {@code op(a)} packed at a time: a multiple of every tile height (4, 6, 8, 12). */
    static final int MC = 192;
    /** Columns of {@code op(b)} packed at a time: a multiple of every tile width. */
    static final int NC = 1024;
    /** Products of fewer multiply-adds ({@code m n k}) than this are computed without packing. */
    static final long DIRECT_MAX = 1L << 15;
    /** Products of at least this many multiply-adds are split among the pool's threads. */
    static final long PARALLEL_MIN = 1L << 20;

    private Tiling() {
    }

    /**
     * Rows of the register tile (its columns are two vectors): as many as the vector registers
     * hold without the JIT spilling accumulators to the stack. With 512-bit vectors (AVX-512, 32
     * registers) JDK 17 runs 12 rows best and JDK 25 8 (its register allocator spills some of 24
     * accumulators); with 256-bit vectors (AVX2, 16 registers) JDK 17 runs 6 and JDK 25 4. JDK
     * releases between 17 and 25 were not measured and get JDK 17's choice.
     *
     * @param vectorBits the preferred species' width: 512 or 256 (the probe refuses less)
     * @param jdkFeature the running JDK's feature release, e.g. 17
     */
    static int tileRows(int vectorBits, int jdkFeature) {
        boolean newJit = jdkFeature >= 25;
        if (vectorBits >= 512) {
            return newJit ? 8 : 12;
        }
        return newJit ? 4 : 6;
    }
}
