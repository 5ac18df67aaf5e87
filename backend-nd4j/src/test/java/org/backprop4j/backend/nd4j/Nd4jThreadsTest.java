package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.backprop4j.api.spi.BackendSettings;
import org.junit.jupiter.api.Test;

class Nd4jThreadsTest {
    private static UnaryOperator<String> lookup(Map<String, String> values) {
        return values::get;
    }

    private static final UnaryOperator<String> NONE = name -> null;

    @Test
    void defaultsToOneThreadPerProcessor() {
        Nd4jThreads threads = Nd4jThreads.resolve(BackendSettings.defaults(), NONE, 2);
        assertThat(threads).isEqualTo(new Nd4jThreads(2, "default: one per processor"));
        assertThat(threads.describe()).isEqualTo("2 threads (default: one per processor)");
        assertThat(Nd4jThreads.resolve(BackendSettings.defaults(), NONE, 1).describe())
                .isEqualTo("1 thread (default: one per processor)");
    }

    @Test
    void theThreadSettingWinsOverOpenMpsVariable() {
        Nd4jThreads threads = Nd4jThreads.resolve(BackendSettings.ofThreads(3), lookup(Map.of("OMP_NUM_THREADS", "4")), 2);
        assertThat(threads).isEqualTo(new Nd4jThreads(3, "thread setting"));
        assertThat(threads.describe()).isEqualTo("3 threads (thread setting)");
    }

    @Test
    void openMpsVariableWinsOverTheDefault() {
        assertThat(Nd4jThreads.resolve(BackendSettings.defaults(), lookup(Map.of("OMP_NUM_THREADS", " 4 ")), 2))
                .isEqualTo(new Nd4jThreads(4, "OMP_NUM_THREADS"));
        assertThat(Nd4jThreads.resolve(BackendSettings.defaults(), lookup(Map.of("OMP_NUM_THREADS", "")), 3))
                .as("blank counts as unset").isEqualTo(new Nd4jThreads(3, "default: one per processor"));
    }

    @Test
    void rejectsAnOpenMpValueThatIsNotAPositiveIntegerNamingTheVariableAndValue() {
        assertThatThrownBy(() -> Nd4jThreads.resolve(BackendSettings.defaults(), lookup(Map.of("OMP_NUM_THREADS", "4,2")), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OMP_NUM_THREADS ('4,2') must be an integer >= 1");
    }

    @Test
    void theRetiredSettingsAreNamedWhenSet() {
        assertThat(Nd4jThreads.retiredSettings(NONE, NONE)).isEmpty();
        assertThat(Nd4jThreads.retiredSettings(lookup(Map.of("backprop4j.nd4j.threads", "1")),
                lookup(Map.of("BACKPROP4J_ND4J_THREADS", "2"))))
                .isEqualTo("system property backprop4j.nd4j.threads=1 and environment variable BACKPROP4J_ND4J_THREADS=2");
        assertThat(Nd4jThreads.retiredSettings(NONE, lookup(Map.of("BACKPROP4J_ND4J_THREADS", "2"))))
                .isEqualTo("environment variable BACKPROP4J_ND4J_THREADS=2");
    }
}
