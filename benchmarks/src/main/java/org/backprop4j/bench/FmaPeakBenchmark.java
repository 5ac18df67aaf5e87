package org.backprop4j.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.api.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * This core's fused multiply-add peak: {@value #CHAINS} independent chains {@code acc = acc * a +
 * b} on the JDK's preferred vector species (512 bits with AVX-512, 256 with AVX2), so that
 * neither the FMA latency (4 cycles on recent x86, 2 ports: 8 chains in flight suffice) nor
 * memory bounds the loop: no loads, no stores, only register FMAs. It is the ceiling no gemm on
 * one core can pass, the denominator of the report's "share of FMA peak".
 *
 * <p>One operation is {@value #FLOPS_PER_OP} FLOPs whatever the species: {@code 65536 / lanes}
 * rounds of {@value #CHAINS} vector FMAs of {@code lanes} multiply-adds (2 FLOPs each). One JMH
 * thread measures one core; the report multiplies by the run's thread count for the machine's
 * peak. {@code a} and {@code b} are chosen so the accumulators stay finite (they converge to
 * {@code b / (1 - a)}), since denormals or infinities could slow some cores down.
 * Needs {@code --add-modules jdk.incubator.vector} (the launcher adds it; JMH's forks inherit it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Suite.LOGGING)
public class FmaPeakBenchmark {
    /** Independent accumulators: 12 of the 32 vector registers of AVX-512, 12 of AVX2's 16. */
    public static final int CHAINS = 12;
    /** Lane FMAs per operation, split into rounds of {@code CHAINS x lanes}. */
    private static final int LANE_FMAS_PER_CHAIN = 65536;
    /** FLOPs of one operation: {@code 2 x CHAINS x 65536}. */
    public static final long FLOPS_PER_OP = 2L * CHAINS * LANE_FMAS_PER_CHAIN;

    @Param({"float32", "float64"})
    public String dtype;

    private boolean float32;
    /** Fields, not constants, so the JIT cannot fold the chains into their limit. */
    private double factor = 0.5;
    private double addend = 0.25;

    @Setup
    public void setUp() {
        float32 = switch (DType.parse(dtype)) {
            case FLOAT32 -> true;
            case FLOAT64 -> false;
        };
    }

    /** Returns a sum of the accumulators so that the JIT cannot drop the chains. */
    @Benchmark
    public double fma() {
        return float32 ? floatChains((float) factor, (float) addend) : doubleChains(factor, addend);
    }

    static double floatChains(float factor, float addend) {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        FloatVector a = FloatVector.broadcast(s, factor);
        FloatVector b = FloatVector.broadcast(s, addend);
        FloatVector c0 = FloatVector.broadcast(s, 1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = LANE_FMAS_PER_CHAIN / s.length(); i > 0; i--) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    static double doubleChains(double factor, double addend) {
        VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        DoubleVector a = DoubleVector.broadcast(s, factor);
        DoubleVector b = DoubleVector.broadcast(s, addend);
        DoubleVector c0 = DoubleVector.broadcast(s, 1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        DoubleVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = LANE_FMAS_PER_CHAIN / s.length(); i > 0; i--) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
