package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class Nd4jThreadsTest {
    private static UnaryOperator<String> lookup(Map<String, String> values) {
        return values::get;
    }

    private static final UnaryOperator<String> NONE = name -> null;

    @Test
    void defaultsToOneThreadPerProcessor() {
        Nd4jThreads threads = Nd4jThreads.resolve(NONE, NONE, 2);
        assertThat(threads).isEqualTo(new Nd4jThreads(2, "default: one per processor"));
        assertThat(threads.describe()).isEqualTo("2 threads (default: one per processor)");
        assertThat(Nd4jThreads.resolve(NONE, NONE, 1).describe()).isEqualTo("1 thread (default: one per processor)");
    }

    @Test
    void propertyWinsOverBothEnvironmentVariables() {
        Nd4jThreads threads = Nd4jThreads.resolve(lookup(Map.of("backprop4j.nd4j.threads", " 3 ")),
                lookup(Map.of("BACKPROP4J_ND4J_THREADS", "2", "OMP_NUM_THREADS", "4")), 2);
        assertThat(threads).isEqualTo(new Nd4jThreads(3, "backprop4j.nd4j.threads"));
        assertThat(threads.describe()).isEqualTo("3 threads (backprop4j.nd4j.threads)");
    }

    @Test
    void ourVariableWinsOverOpenMpsAndOpenMpsOverTheDefault() {
        assertThat(Nd4jThreads.resolve(NONE, lookup(Map.of("BACKPROP4J_ND4J_THREADS", "2", "OMP_NUM_THREADS", "4")), 2))
                .isEqualTo(new Nd4jThreads(2, "BACKPROP4J_ND4J_THREADS"));
        assertThat(Nd4jThreads.resolve(NONE, lookup(Map.of("OMP_NUM_THREADS", "4")), 2))
                .isEqualTo(new Nd4jThreads(4, "OMP_NUM_THREADS"));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(Nd4jThreads.resolve(lookup(Map.of("backprop4j.nd4j.threads", "  ")),
                lookup(Map.of("OMP_NUM_THREADS", "")), 3)).isEqualTo(new Nd4jThreads(3, "default: one per processor"));
    }

    @Test
    void rejectsValuesThatAreNotAPositiveIntegerNamingTheSettingAndValue() {
        assertThatThrownBy(() -> Nd4jThreads.resolve(lookup(Map.of("backprop4j.nd4j.threads", "two")), NONE, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backprop4j.nd4j.threads ('two') must be an integer >= 1");
        assertThatThrownBy(() -> Nd4jThreads.resolve(NONE, lookup(Map.of("BACKPROP4J_ND4J_THREADS", "0")), 2))
                .hasMessage("BACKPROP4J_ND4J_THREADS ('0') must be an integer >= 1");
        assertThatThrownBy(() -> Nd4jThreads.resolve(NONE, lookup(Map.of("OMP_NUM_THREADS", "4,2")), 2))
                .hasMessage("OMP_NUM_THREADS ('4,2') must be an integer >= 1");
    }
}
