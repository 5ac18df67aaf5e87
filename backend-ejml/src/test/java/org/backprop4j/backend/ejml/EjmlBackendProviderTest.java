package org.backprop4j.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.Test;

class EjmlBackendProviderTest {

    @Test
    void describesItselfWithEjmlsVersionAndBothDtypes() {
        EjmlBackendProvider provider = new EjmlBackendProvider();
        assertThat(provider.name()).isEqualTo("ejml");
        assertThat(provider.version()).matches("EJML 0\\.\\d+\\.\\d+");
        assertThat(provider.priority()).isEqualTo(100);
        assertThat(provider.dtypes()).containsExactlyInAnyOrder(DType.FLOAT32, DType.FLOAT64);
    }

    @Test
    void probeIsAvailableAndReportsTheConcurrencySetting() {
        ProbeResult probe = new EjmlBackendProvider().probe();
        assertThat(probe.available()).as(probe.toString()).isTrue();
        assertThat(probe.detail()).contains("no native code")
                .contains("at least " + EjmlOps.CONCURRENT_MULTIPLY_ADDS + " multiply-adds on ");
    }

    @Test
    void theThreadSettingGoesToEjmlsPoolAndIntoTheProbe() {
        int threadsBefore = EjmlConcurrency.getMaxThreads();
        boolean switchBefore = EjmlConcurrency.USE_CONCURRENT;
        EjmlBackendProvider provider = new EjmlBackendProvider();
        try {
            assertThat(provider.probe(BackendSettings.ofThreads(1)).detail()).endsWith(" multiply-adds on 1 thread (thread setting)");
            assertThat(EjmlOps.ejmlRunsThreads()).isFalse();
            assertThat(provider.probe(BackendSettings.ofThreads(3)).detail()).endsWith(" multiply-adds on 3 threads (thread setting)");
            assertThat(EjmlConcurrency.getMaxThreads()).isEqualTo(3);
            assertThat(EjmlOps.ejmlRunsThreads()).isTrue();
            assertThat(provider.probe(BackendSettings.defaults()).detail()).as("no setting leaves EJML's as it is")
                    .endsWith(" multiply-adds on 3 threads (EJML's setting)");
        } finally {
            EjmlConcurrency.setMaxThreads(threadsBefore);
            EjmlConcurrency.USE_CONCURRENT = switchBefore;
        }
    }

    @Test
    void isRegisteredAsAService() {
        List<BackendInfo> found = Backends.discover().describe();
        assertThat(found).filteredOn(info -> info.name().equals("ejml")).singleElement()
                .satisfies(info -> assertThat(info.probe().available()).isTrue());
    }

    @Test
    void isTheDefaultOverNaive() {
        Backends backends = Backends.of(List.of(new NaiveBackendProvider(), new EjmlBackendProvider()));
        assertThat(backends.availableNames()).containsExactly("ejml", "naive");
        assertThat(backends.select().name()).isEqualTo("ejml");
    }
}
