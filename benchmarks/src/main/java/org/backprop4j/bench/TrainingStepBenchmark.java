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
 * A full training step through {@code nn-core} ({@link TrainingStep}: forward, MSE, backward,
 * SGD) per backend, dtype and {@link StepConfig}. Run with {@code -prof gc} for the heap
 * bytes allocated per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Suite.LOGGING)
public class TrainingStepBenchmark {
    /** Set by the runner: {@link Suite} gives every available backend (or those asked for) from discovery. */
    @Param({})
    public String backend;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"tiny", "digits", "large"})
    public String config;

    private TrainingStep step;

    @Setup
    public void setUp() {
        step = new TrainingStep(BenchBackends.discover().get(backend), DType.parse(dtype), StepConfig.fromId(config), 42);
    }

    @Benchmark
    public double step() {
        return step.run();
    }
}
