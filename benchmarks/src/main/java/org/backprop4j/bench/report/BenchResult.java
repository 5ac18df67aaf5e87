package org.backprop4j.bench.report;

import java.util.Map;

/**
 * One row of JMH's JSON results: a benchmark method with one set of parameters.
 *
 * @param benchmark        the simple class name, e.g. {@code GemmBenchmark}
 * @param params           the {@code @Param} values, e.g. {@code backend=naive}
 * @param score            the primary score (ops/s for every benchmark of this suite)
 * @param error            the half-width of JMH's 99.9% confidence interval, NaN when JMH gave none
 * @param unit             the primary score's unit, e.g. {@code ops/s}
 * @param allocBytesPerOp  {@code gc.alloc.rate.norm}: heap bytes allocated per operation, NaN without {@code -prof gc}
 * @param allocMbPerSecond {@code gc.alloc.rate}: heap allocation rate in MB/s, NaN without {@code -prof gc}
 */
public record BenchResult(String benchmark, Map<String, String> params, double score, double error, String unit,
                          double allocBytesPerOp, double allocMbPerSecond) {
    public BenchResult {
        params = Map.copyOf(params);
    }

    /**
     * The value of parameter {@code name}.
     *
     * @throws IllegalArgumentException naming the parameter and those the result has
     */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(benchmark + " result has no parameter '" + name + "'; it has "
                    + params.keySet());
        }
        return v;
    }
}
