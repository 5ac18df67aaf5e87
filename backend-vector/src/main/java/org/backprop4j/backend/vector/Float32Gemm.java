// Generated from Float64Gemm.java by build-tools' Float32Generator: edit that file, not this one.
package org.backprop4j.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float matrix product {@code c = alpha op(a) op(b) + beta c} on row-major arrays, packed
 * and cache-blocked as in BLIS (Goto and van de Geijn, "Anatomy of high-performance matrix
 * multiplication", 2008), with a register tile of {@link #MR} rows and {@link #NR} columns (two
 * vectors of {@link #SPECIES}) kept in vector accumulators.
 *
 * <p>The loops, outermost first: blocks of {@link Tiling#NC} columns of {@code c}; blocks of
 * {@link Tiling#KC} of the inner dimension, for which a {@code KC x NC} panel of {@code op(b)} is
 * packed into slivers {@link #NR} wide; blocks of {@link Tiling#MC} rows, for which an
 * {@code MC x KC} block of {@code op(a)} is packed into slivers {@link #MR} high; then every
 * {@code MR x NR} tile of that block, computed by the micro-kernel from one sliver of each. Each
 * panel and block is packed once and read from cache by every tile that needs it. A transposed
 * operand is transposed by its packing, sliver by sliver: no whole matrix is ever copied. Slivers
 * at the edges are padded with zeros, so the micro-kernel always computes a full tile; only its
 * valid part is written to {@code c}.
 *
 * <p><b>Accumulation order</b> (the same on every path, whatever the thread count, so the result
 * does not depend on them): each element is
 * {@code c_ij = alpha acc_ij + beta c_ij}, where {@code acc_ij} sums
 * {@code op(a)_ip op(b)_pj} over {@code p} in increasing order, one fused multiply-add (one
 * rounding to float) per term, starting from 0; {@code alpha acc + beta c} is one fused
 * multiply-add of {@code acc}, {@code alpha} and the rounded {@code beta c} (of 0, not
 * {@code c}, when {@code beta == 0}, so {@code c} is not read). When the inner dimension exceeds
 * {@link Tiling#KC}, each further block of {@code KC} terms is summed the same way and added as
 * {@code c_ij = alpha acc_ij + c_ij}. alpha and beta are rounded to float first.
 *
 * <p>Products of fewer than {@link Tiling#DIRECT_MAX} multiply-adds skip the packing
 * ({@link #direct}), in the same order; products of at least {@link Tiling#PARALLEL_MIN} are
 * split among the threads of the backend's {@link WorkerPool}, by rows of {@code c} when it has
 * at least as many rows as columns (each thread packs its own rows of {@code op(a)} and the whole
 * of {@code op(b)}) and by columns otherwise (its own columns of {@code op(b)} and the whole of
 * {@code op(a)}), so that only the smaller operand is packed by every thread. Nothing is allocated
 * once each thread's buffers have grown to the largest block it has seen.
 *
 * <p>Not thread-safe for the fields of a split call, which only the holder of the pool's lock
 * writes; callers that find the pool busy compute on their own thread.
 */
final class Float32Gemm implements MatrixProduct, WorkerPool.Task {
    /** The vector shape of every kernel: the JDK's preferred one for float on this CPU. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes of one vector. */
    private static final int L = SPECIES.length();
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of the register tile, from the vector width and the JDK ({@link Tiling#tileRows}). */
    static final int MR = Tiling.tileRows(SPECIES.vectorBitSize(), Runtime.version().feature());
    /** Each thread's packing buffers, grown to the largest block it has packed. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final WorkerPool pool;

    // The split call, written by the holder of the pool's lock before the pool starts the parts
    // (which publishes them) and cleared when they are done.
    private float[] a;
    private float[] b;
    private float[] c;
    private int m;
    private int n;
    private int k;
    private boolean transposeA;
    private boolean transposeB;
    private float alpha;
    private float beta;
    private boolean byRows;

    /** A product that splits large calls among the threads of {@code pool}. */
    Float32Gemm(WorkerPool pool) {
        this.pool = pool;
    }

    /** The packing buffers, the tile and the unpacked products' sums of one thread. */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];
        float[] sums = new float[0];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] sums(int size) {
            if (sums.length < size) {
                sums = new float[size];
            }
            return sums;
        }
    }

    @Override
    public void multiply(double alpha, VectorTensor a, boolean transposeA, VectorTensor b, boolean transposeB,
                         double beta, VectorTensor c) {
        multiply((float) alpha, a.floats, transposeA, b.floats, transposeB, (float) beta, c.floats, c.rows(),
                c.cols(), transposeA ? a.rows() : a.cols());
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} for {@code op(a) [m, k]}, {@code op(b) [k, n]} and
     * {@code c [m, n]}, all row-major: {@code a} is {@code [m, k]}, or {@code [k, m]} when
     * {@code transposeA}; {@code b} is {@code [k, n]}, or {@code [n, k]} when {@code transposeB}.
     * Only {@code c} is written; it must not be {@code a} or {@code b}. When {@code beta == 0},
     * {@code c} is not read.
     */
    void multiply(float alpha, float[] a, boolean transposeA, float[] b, boolean transposeB, float beta,
                  float[] c, int m, int n, int k) {
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        long work = (long) m * n * k;
        if (work < Tiling.DIRECT_MAX) {
            direct(m, n, k, alpha, a, lda, transposeA, b, ldb, transposeB, beta, c, BUFFERS.get());
            return;
        }
        boolean rows = m >= n;
        int parts = Math.min(pool.threads(), rows ? (m + MR - 1) / MR : (n + NR - 1) / NR);
        if (work < Tiling.PARALLEL_MIN || parts < 2 || !pool.tryAcquire()) {
            blocked(m, n, k, alpha, a, 0, lda, transposeA, b, 0, ldb, transposeB, beta, c, 0, n, BUFFERS.get());
            return;
        }
        try {
            this.a = a;
            this.b = b;
            this.c = c;
            this.m = m;
            this.n = n;
            this.k = k;
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.alpha = alpha;
            this.beta = beta;
            this.byRows = rows;
            pool.run(this, parts);
        } finally {
            this.a = null; // not kept reachable by the backend between calls
            this.b = null;
            this.c = null;
            pool.release();
        }
    }

    /**
     * The packed path on its own, whatever the size, on the calling thread: for the provider's
     * self-test, which must reach the micro-kernel without a product large enough to take seconds
     * before the JIT has compiled it.
     */
    static void packed(float alpha, float[] a, boolean transposeA, float[] b, boolean transposeB, float beta,
                       float[] c, int m, int n, int k) {
        blocked(m, n, k, alpha, a, 0, transposeA ? m : k, transposeA, b, 0, transposeB ? k : n, transposeB, beta, c, 0,
                n, BUFFERS.get());
    }

    /**
     * Part {@code part} of {@code parts} of the split call: an equal share of the rows of
     * {@code c} (or of its columns), in whole tiles, as an independent blocked product.
     */
    @Override
    public void run(int part, int parts) {
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        if (byRows) {
            int share = ((m + MR - 1) / MR + parts - 1) / parts * MR;
            int first = part * share;
            int rows = Math.min(m, first + share) - first;
            if (rows > 0) {
                blocked(rows, n, k, alpha, a, transposeA ? first : first * lda, lda, transposeA,
                        b, 0, ldb, transposeB, beta, c, first * n, n, BUFFERS.get());
            }
        } else {
            int share = ((n + NR - 1) / NR + parts - 1) / parts * NR;
            int first = part * share;
            int cols = Math.min(n, first + share) - first;
            if (cols > 0) {
                blocked(m, cols, k, alpha, a, 0, lda, transposeA,
                        b, transposeB ? first * ldb : first, ldb, transposeB, beta, c, first, n, BUFFERS.get());
            }
        }
    }

    /**
     * The packed product on a sub-matrix: {@code op(a)}'s element {@code (i, p)} is
     * {@code a[ao + i lda + p]} (or {@code a[ao + p lda + i]} when {@code ta}), {@code op(b)}'s
     * {@code (p, j)} is {@code b[bo + p ldb + j]} (or {@code b[bo + j ldb + p]} when {@code tb}),
     * and {@code c}'s {@code (i, j)} is {@code c[co + i ldc + j]}.
     */
    private static void blocked(int m, int n, int k, float alpha, float[] a, int ao, int lda, boolean ta,
                                float[] b, int bo, int ldb, boolean tb, float beta, float[] c, int co, int ldc,
                                Buffers buffers) {
        float[] tile = buffers.tile;
        for (int jc = 0; jc < n; jc += Tiling.NC) {
            int nc = Math.min(Tiling.NC, n - jc);
            for (int pc = 0; pc < k; pc += Tiling.KC) {
                int kc = Math.min(Tiling.KC, k - pc);
                float[] bp = buffers.b(roundUp(nc, NR) * kc);
                packB(b, tb ? bo + jc * ldb : bo + jc, ldb, tb, pc, kc, nc, bp);
                float betaNow = pc == 0 ? beta : 1; // later blocks add to what the first wrote
                for (int ic = 0; ic < m; ic += Tiling.MC) {
                    int mc = Math.min(Tiling.MC, m - ic);
                    float[] ap = buffers.a(roundUp(mc, MR) * kc);
                    packA(a, ta ? ao + ic : ao + ic * lda, lda, ta, pc, kc, mc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            kernel(ap, ir * kc, bp, jr * kc, kc, tile);
                            merge(tile, Math.min(MR, mc - ir), cols, alpha, betaNow, c,
                                    co + (ic + ir) * ldc + jc + jr, ldc);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs rows {@code [0, mc)} and columns {@code [pc, pc + kc)} of {@code op(a)} (element
     * {@code (i, p)} at {@code a[ao + i lda + p]}, or {@code a[ao + p lda + i]} when {@code ta})
     * into slivers of {@link #MR} rows: sliver {@code s} holds element {@code (s MR + i, pc + p)}
     * at {@code ap[s MR kc + p MR + i]}, rows past {@code mc} zero.
     */
    private static void packA(float[] a, int ao, int lda, boolean ta, int pc, int kc, int mc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (ta) {
                for (int p = 0; p < kc; p++) {
                    int src = ao + (pc + p) * lda + ir;
                    int dst = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        ap[dst + i] = a[src + i];
                    }
                }
            } else if (rows == MR) {
                int src = ao + ir * lda + pc;
                for (int p = 0; p < kc; p++) { // writes in order; the inner loop's count is a constant, unrolled
                    int dst = base + p * MR;
                    for (int i = 0; i < MR; i++) {
                        ap[dst + i] = a[src + i * lda + p];
                    }
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    int src = ao + (ir + i) * lda + pc;
                    int dst = base + i;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR] = a[src + p];
                    }
                }
            }
            for (int i = rows; i < MR; i++) {
                for (int p = 0; p < kc; p++) {
                    ap[base + p * MR + i] = 0;
                }
            }
        }
    }

    /**
     * Packs rows {@code [pc, pc + kc)} and columns {@code [0, nc)} of {@code op(b)} (element
     * {@code (p, j)} at {@code b[bo + p ldb + j]}, or {@code b[bo + j ldb + p]} when {@code tb})
     * into slivers of {@link #NR} columns: sliver {@code s} holds element {@code (pc + p, s NR + j)}
     * at {@code bp[s NR kc + p NR + j]}, columns past {@code nc} zero.
     */
    private static void packB(float[] b, int bo, int ldb, boolean tb, int pc, int kc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (tb) {
                for (int j = 0; j < cols; j++) {
                    int src = bo + (jr + j) * ldb + pc;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR] = b[src + p];
                    }
                }
            } else if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * ldb + jr;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(bp, base + p * NR);
                    FloatVector.fromArray(SPECIES, b, src + L).intoArray(bp, base + p * NR + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * ldb + jr;
                    for (int j = 0; j < cols; j++) {
                        bp[base + p * NR + j] = b[src + j];
                    }
                }
            }
            for (int j = cols; j < NR; j++) {
                for (int p = 0; p < kc; p++) {
                    bp[base + p * NR + j] = 0;
                }
            }
        }
    }

    /**
     * Writes the valid {@code rows x cols} part of a tile into {@code c} (element {@code (i, j)}
     * at {@code c[co + i ldc + j]}): {@code c = alpha tile + beta c}, one fused multiply-add of
     * the tile, {@code alpha} and the rounded {@code beta c} ({@code 0} when {@code beta == 0},
     * without reading {@code c}; {@code c} itself when {@code beta == 1}). Vector and scalar
     * columns round alike.
     */
    private static void merge(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int co, int ldc) {
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < rows; i++) {
            int t = i * NR;
            int o = co + i * ldc;
            if (cols == NR) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector old = beta == 0 ? zero : FloatVector.fromArray(SPECIES, c, o + v);
                    if (beta != 0 && beta != 1) {
                        old = old.mul(beta);
                    }
                    FloatVector.fromArray(SPECIES, tile, t + v).fma(alphas, old).intoArray(c, o + v);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    float old = beta == 0 ? 0 : beta == 1 ? c[o + j] : beta * c[o + j];
                    c[o + j] = Math.fma(tile[t + j], alpha, old);
                }
            }
        }
    }

    /**
     * A small product without packing, in the order the class comment states, through a buffer
     * of all of {@code c}'s sums. When rows of {@code op(b)} are contiguous and at least a vector
     * long, each row of sums is accumulated as a vector sum of rows of {@code b}. Otherwise each
     * sum is a dot product, taken four at a time in {@code c}'s row-major order so that four
     * independent chains of fused multiply-adds overlap whatever the shape (a lone chain waits for
     * each multiply-add to finish).
     */
    private static void direct(int m, int n, int k, float alpha, float[] a, int lda, boolean ta,
                               float[] b, int ldb, boolean tb, float beta, float[] c, Buffers buffers) {
        int size = m * n;
        float[] acc = buffers.sums(size);
        boolean byRows = !tb && n >= L;
        // op(a)'s (i, p) is a[i ai + p ap], op(b)'s (p, j) is b[j bj + p bp]
        int ai = ta ? 1 : lda;
        int ap = ta ? lda : 1;
        int bj = tb ? ldb : 1;
        int bp = tb ? 1 : ldb;
        for (int pc = 0; pc < k; pc += Tiling.KC) {
            int end = Math.min(k, pc + Tiling.KC);
            if (byRows) {
                Arrays.fill(acc, 0, size, 0);
                int rowEnd = SPECIES.loopBound(n);
                for (int i = 0; i < m; i++) {
                    int o = i * n;
                    for (int p = pc; p < end; p++) {
                        float x = a[i * ai + p * ap];
                        FloatVector xs = FloatVector.broadcast(SPECIES, x);
                        int row = p * ldb;
                        int j = 0;
                        for (; j < rowEnd; j += L) {
                            xs.fma(FloatVector.fromArray(SPECIES, b, row + j), FloatVector.fromArray(SPECIES, acc, o + j))
                                    .intoArray(acc, o + j);
                        }
                        for (; j < n; j++) {
                            acc[o + j] = Math.fma(x, b[row + j], acc[o + j]);
                        }
                    }
                }
            } else {
                // element q of c is (i, j): its row of op(a) starts at i ai, its column of op(b) at j bj;
                // stepped along without dividing (an integer division costs as much as ten multiply-adds)
                int i = 0;
                int j = 0;
                int q = 0;
                for (; q + 4 <= size; q += 4) {
                    int a0 = i * ai;
                    int b0 = j * bj;
                    if (++j == n) {
                        j = 0;
                        i++;
                    }
                    int a1 = i * ai;
                    int b1 = j * bj;
                    if (++j == n) {
                        j = 0;
                        i++;
                    }
                    int a2 = i * ai;
                    int b2 = j * bj;
                    if (++j == n) {
                        j = 0;
                        i++;
                    }
                    int a3 = i * ai;
                    int b3 = j * bj;
                    if (++j == n) {
                        j = 0;
                        i++;
                    }
                    float s0 = 0;
                    float s1 = 0;
                    float s2 = 0;
                    float s3 = 0;
                    for (int p = pc; p < end; p++) {
                        s0 = Math.fma(a[a0 + p * ap], b[b0 + p * bp], s0);
                        s1 = Math.fma(a[a1 + p * ap], b[b1 + p * bp], s1);
                        s2 = Math.fma(a[a2 + p * ap], b[b2 + p * bp], s2);
                        s3 = Math.fma(a[a3 + p * ap], b[b3 + p * bp], s3);
                    }
                    acc[q] = s0;
                    acc[q + 1] = s1;
                    acc[q + 2] = s2;
                    acc[q + 3] = s3;
                }
                for (; q < size; q++) {
                    int row = i * ai;
                    int col = j * bj;
                    if (++j == n) {
                        j = 0;
                        i++;
                    }
                    float s = 0;
                    for (int p = pc; p < end; p++) {
                        s = Math.fma(a[row + p * ap], b[col + p * bp], s);
                    }
                    acc[q] = s;
                }
            }
            float betaNow = pc == 0 ? beta : 1; // later blocks add to what the first wrote
            for (int q = 0; q < size; q++) {
                float old = betaNow == 0 ? 0 : betaNow == 1 ? c[q] : betaNow * c[q];
                c[q] = Math.fma(acc[q], alpha, old);
            }
        }
    }

    /** {@code tile = } the product of an {@link #MR}-row sliver of {@code op(a)} and an {@link #NR}-column sliver of {@code op(b)}, both {@code kc} long. */
    private static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        switch (MR) { // a constant: the JIT keeps one branch
            case 4 -> kernel4(ap, ao, bp, bo, kc, tile);
            case 6 -> kernel6(ap, ao, bp, bo, kc, tile);
            case 8 -> kernel8(ap, ao, bp, bo, kc, tile);
            case 12 -> kernel12(ap, ao, bp, bo, kc, tile);
            default -> throw new AssertionError("no micro-kernel with " + MR + " rows");
        }
    }

    // The micro-kernels: MR x NR accumulators in registers, each step one load of each B vector,
    // a broadcast per row of A and two fused multiply-adds per row. The accumulators start from
    // zero(), not from a vector kept in a static field: on JDK 17 that makes every accumulator an
    // object on the heap. Offsets are p times a constant, so that the JIT drops the bounds checks
    // (advancing them separately keeps four compare-and-jumps per step on JDK 17).

    /** {@link #kernel} with 4 rows. */
    private static void kernel4(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES), c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES), c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bo + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bo + p * NR + L);
            int a = ao + p * 4;
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
    }

    /** {@link #kernel} with 6 rows. */
    private static void kernel6(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES), c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES), c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES), c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bo + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bo + p * NR + L);
            int a = ao + p * 6;
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
    }

    /** {@link #kernel} with 8 rows. */
    private static void kernel8(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES), c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES), c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES), c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES), c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bo + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bo + p * NR + L);
            int a = ao + p * 8;
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
    }

    /** {@link #kernel} with 12 rows. */
    private static void kernel12(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES), c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES), c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES), c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES), c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        FloatVector c80 = FloatVector.zero(SPECIES), c81 = FloatVector.zero(SPECIES), c90 = FloatVector.zero(SPECIES), c91 = FloatVector.zero(SPECIES);
        FloatVector c100 = FloatVector.zero(SPECIES), c101 = FloatVector.zero(SPECIES), c110 = FloatVector.zero(SPECIES), c111 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bo + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bo + p * NR + L);
            int a = ao + p * 12;
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(SPECIES, ap[a + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(SPECIES, ap[a + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(SPECIES, ap[a + 10]); c100 = x.fma(b0, c100); c101 = x.fma(b1, c101);
            x = FloatVector.broadcast(SPECIES, ap[a + 11]); c110 = x.fma(b0, c110); c111 = x.fma(b1, c111);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        c80.intoArray(tile, 8 * NR); c81.intoArray(tile, 8 * NR + L);
        c90.intoArray(tile, 9 * NR); c91.intoArray(tile, 9 * NR + L);
        c100.intoArray(tile, 10 * NR); c101.intoArray(tile, 10 * NR + L);
        c110.intoArray(tile, 11 * NR); c111.intoArray(tile, 11 * NR + L);
    }
}
