package org.backprop4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jBackendProviderTest {

    @Test
    void describesItselfWithoutStartingNd4j() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider(threads -> {
            throw new AssertionError("name, version, priority and dtypes must not start ND4J");
        });
        assertThat(provider.name()).isEqualTo("nd4j");
        assertThat(provider.priority()).isEqualTo(200);
        assertThat(provider.dtypes()).isEqualTo(EnumSet.of(DType.FLOAT32, DType.FLOAT64));
        assertThat(provider.version()).matches("ND4J [0-9][^ ]* \\([a-z]+-[a-z0-9_]+\\)");
    }

    @Test
    void isRegisteredForServiceLoaderAndDiscoveredByBackends() {
        assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(Nd4jBackendProvider.class);
        BackendInfo info = Backends.discover().describe().stream()
                .filter(i -> i.name().equals("nd4j")).findFirst().orElseThrow();
        assertThat(info.probe().available()).as(info.probe().toString()).isTrue();
    }

    @Test
    void probeStartsNd4jAndAppliesTheThreadSettingEachTimeItChanges() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider();
        ProbeResult probe = provider.probe();
        Nd4jThreads threads = Nd4jThreads.of(BackendSettings.defaults());
        assertThat(probe.available()).as(probe.detail()).isTrue();
        assertThat(probe.detail()).contains(threads.describe()).containsPattern("; [0-9]+ cores; libnd4j ");
        assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(threads.count());
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(threads.count());
        try {
            int other = threads.count() == 1 ? 2 : 1;
            ProbeResult set = provider.probe(BackendSettings.ofThreads(other));
            assertThat(set.detail()).contains(new Nd4jThreads(other, "thread setting").describe());
            assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(other);
            provider.create(BackendSettings.ofThreads(threads.count()));
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).as("create applies it too").isEqualTo(threads.count());
        } finally {
            provider.create(BackendSettings.defaults());
        }
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(threads.count());
    }

    @Test
    void aMissingNativeLibraryMakesItUnavailableWithTheReasonAndTheBuildPlatform() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider(threads -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        });
        ProbeResult probe = provider.probe();
        assertThat(probe.available()).isFalse();
        assertThat(probe.detail())
                .startsWith("ND4J could not start: UnsatisfiedLinkError: no jnind4jcpu in java.library.path")
                .contains("this build bundles natives for " + Nd4jBuild.load().platform())
                .contains("-Djavacpp.platform=");
    }

    @Test
    void aFailedStaticInitialiserIsReportedDownItsCauseChain() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider(threads -> {
            throw new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing dependencies",
                    new UnsatisfiedLinkError("libnd4jcpu.so: cannot open shared object file")));
        });
        ProbeResult probe = provider.probe();
        assertThat(probe.available()).isFalse();
        assertThat(probe.detail()).contains("ExceptionInInitializerError")
                .contains("caused by RuntimeException: ND4J is probably missing dependencies")
                .contains("caused by UnsatisfiedLinkError: libnd4jcpu.so: cannot open shared object file");
    }

    @Test
    void aWrongSelfCheckOrSettingIsReportedWithoutAPlatformHint() {
        ProbeResult probe = new Nd4jBackendProvider(threads -> {
            throw new IllegalArgumentException("OMP_NUM_THREADS ('two') must be an integer >= 1");
        }).probe();
        assertThat(probe).isEqualTo(ProbeResult.unavailable(
                "ND4J could not start: IllegalArgumentException: OMP_NUM_THREADS ('two') must be an integer >= 1"));
    }

    @Test
    void createAfterAFailedStartThrowsWithTheReason() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider(threads -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        });
        assertThatThrownBy(provider::create).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("backend 'nd4j' cannot start: ND4J could not start: UnsatisfiedLinkError")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    /**
     * Loads the provider in a fresh class loader, calls everything a listing calls, and checks
     * that no ND4J or JavaCPP class was even requested (so no native code can have loaded).
     */
    @Test
    void listingTheProviderLoadsNoNd4jOrJavaCppClass() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader(classPath())) {
            Class<?> type = Class.forName(Nd4jBackendProvider.class.getName(), true, loader);
            Object provider = type.getConstructor().newInstance();
            for (String method : List.of("name", "version", "priority", "dtypes")) {
                type.getMethod(method).invoke(provider);
            }
            assertThat(loader.requested).contains(Nd4jBackendProvider.class.getName())
                    .noneMatch(name -> name.startsWith("org.nd4j.") || name.startsWith("org.bytedeco."));
            loader.loadClass("org.nd4j.linalg.factory.Nd4j"); // the recorder sees such a request
            assertThat(loader.requested).contains("org.nd4j.linalg.factory.Nd4j");
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads everything itself (parent: the platform loader) and records each class name asked for. */
    private static final class RecordingClassLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingClassLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
