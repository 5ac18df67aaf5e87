package org.backprop4j.bench;

import java.util.concurrent.TimeUnit;
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
 * The training step written directly with ND4J ({@link RawNd4jStep}), to compare with
 * {@link TrainingStepBenchmark} on the {@code nd4j} backend: the difference is {@code nn-core}'s
 * and the backend adapter's overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Suite.LOGGING)
public class RawNd4jStepBenchmark {
    @Param({"float32", "float64"})
    public String dtype;

    @Param({"large"})
    public String config;

    private RawNd4jStep step;

    @Setup
    public void setUp() {
        BenchThreads.applyToNd4j();
        step = new RawNd4jStep(DType.parse(dtype), StepConfig.fromId(config), 42);
    }

    @Benchmark
    public double step() {
        return step.run();
    }
}
