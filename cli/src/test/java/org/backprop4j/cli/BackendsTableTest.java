package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.ProbeResult;
import org.junit.jupiter.api.Test;

class BackendsTableTest {

    @Test
    void aRowPerBackendInTheOrderGivenThenTheThreadSettingAndTheChoice() {
        List<BackendInfo> infos = List.of(
                new BackendInfo("high", "High 1.0", 20, Set.of(DType.FLOAT64, DType.FLOAT32), ProbeResult.available("fast"), 12),
                new BackendInfo("broken", "v", 5, Set.of(), ProbeResult.unavailable("libfoo.so not found"), 0));
        String table = BackendsTable.format(infos, "each backend's default", "high (highest priority among available backends)");
        assertThat(table.lines()).containsExactly(
                "name    version   priority  dtypes           probe",
                "high    High 1.0        20  float32,float64  available: fast (12 ms)",
                "broken  v                5  -                unavailable: libfoo.so not found (0 ms)",
                "threads: each backend's default",
                "selected: high (highest priority among available backends)");
    }
}
