package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.backprop4j.api.Backend;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.Test;

class CaseRunnerTest {
    private static final Backend NAIVE = Backend.wrap(new NaiveBackendProvider());

    /** A model with no parameters, tanh alone, worked out by hand: y = tanh(x), L = sum (y - 0)^2, dL/dx = 2 y (1 - y^2). */
    private static ConformanceCase tanhOnly(String dtype, double outputError) throws CaseFormatException {
        double y0 = Math.tanh(0.5);
        double y1 = Math.tanh(-1);
        String json = String.format(Locale.ROOT, """
                {"format": "backprop4j.case/1", "name": "tanh only %s", "dtype": "%s",
                 "model": [{"type": "tanh"}], "loss": {"type": "mse", "reduction": "sum"}, "params": {},
                 "input": {"shape": [1, 2], "data": [0.5, -1]}, "target": {"shape": [1, 2], "data": [0, 0]},
                 "expected": {"output": {"shape": [1, 2], "data": [%s, %s]}, "loss": %s,
                              "grads": {"input": {"shape": [1, 2], "data": [%s, %s]}}}}
                """, dtype, dtype, y0 + outputError, y1, y0 * y0 + y1 * y1, 2 * y0 * (1 - y0 * y0),
                2 * y1 * (1 - y1 * y1));
        return new CaseReader().read("tanh.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void runsAModelWithoutParametersAndComparesEveryQuantity() throws Exception {
        CaseResult r = CaseRunner.run(tanhOnly("float64", 0), NAIVE);
        assertThat(r.passed()).isTrue();
        assertThat(r.quantities()).extracting(QuantityResult::quantity).containsExactly("output", "loss", "grads.input");
        assertThat(r.worstRatio()).isLessThan(0.01);
        assertThat(CaseRunner.run(tanhOnly("float32", 0), NAIVE).passed()).isTrue();
    }

    @Test
    void anOutputOffByMoreThanTheToleranceFailsThatQuantityOnly() throws Exception {
        CaseResult r = CaseRunner.run(tanhOnly("float64", 3e-7), NAIVE); // atol 1e-7 + rtol 1e-7 * 0.46
        assertThat(r.failed()).isTrue();
        assertThat(r.failures()).extracting(QuantityResult::quantity).containsExactly("output");
        assertThat(r.failures().get(0).worstElement()).isEqualTo("[0, 0]");
        assertThat(CaseRunner.run(tanhOnly("float64", 1e-7), NAIVE).passed()).isTrue();
    }

    /** The naive backend declaring float64 only. */
    @Test
    void aCaseInADtypeTheBackendDoesNotSupportIsSkipped() throws Exception {
        CaseResult r = CaseRunner.run(tanhOnly("float32", 0), Backend.wrap(new Float64OnlyProvider()));
        assertThat(r.skipped()).isTrue();
        assertThat(r.passed()).isFalse();
        assertThat(r.failed()).isFalse();
        assertThat(r.skipReason()).isEqualTo("backend 'float64-only' does not support float32");
    }

    @Test
    void aRejectedFileFailsWithTheQuantityFormat() {
        CaseFile rejected = CaseFile.rejected(new CaseFormatException("x.json", "$.dtype", "is \"half\""));
        CaseResult r = CaseRunner.run(rejected, NAIVE);
        assertThat(r.failed()).isTrue();
        assertThat(r.failureReport()).isEqualTo("case x.json on naive (x.json) failed:" + System.lineSeparator()
                + "  format: $.dtype: is \"half\"");
    }
}
