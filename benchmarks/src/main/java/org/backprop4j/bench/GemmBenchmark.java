package org.backprop4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
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
 * {@code C = op(A) op(B)} for square {@code n x n} matrices through the {@link Backend} facade's
 * {@code gemm}, in the three forms of {@link GemmForm}. One operation is {@code 2 n^3} FLOPs;
 * the report turns ops/s into GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Suite.LOGGING)
public class GemmBenchmark {
    /** Set by the runner: {@link Suite} gives every available backend (or those asked for) from discovery. */
    @Param({})
    public String backend;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"8", "64", "256", "1024"})
    public int size;

    @Param({"AB", "ATB", "ABT"})
    public String form;

    private Backend ops;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private boolean transposeA;
    private boolean transposeB;

    @Setup
    public void setUp() {
        ops = BenchBackends.discover().get(backend);
        DType type = DType.parse(dtype);
        GemmForm f = GemmForm.fromId(form);
        transposeA = f.transposeA();
        transposeB = f.transposeB();
        SplittableRandom rng = new SplittableRandom(42);
        a = ops.fromArray(type, Shape.matrix(size, size), TrainingStep.uniform(rng, size * size));
        b = ops.fromArray(type, Shape.matrix(size, size), TrainingStep.uniform(rng, size * size));
        c = ops.zeros(type, Shape.matrix(size, size));
    }

    @Benchmark
    public void gemm() {
        ops.gemm(1.0, a, transposeA, b, transposeB, 0.0, c);
    }
}
