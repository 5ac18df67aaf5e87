package org.backprop4j.api;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * A provider for selection tests: fixed name, priority and probe; counts probes and creations
 * and keeps the settings it was last given.
 */
final class FakeProvider implements BackendProvider {
    final String name;
    final int priority;
    final ProbeResult probe;
    final RuntimeException probeThrows;
    final AtomicInteger probes = new AtomicInteger();
    final AtomicInteger creations = new AtomicInteger();
    final AtomicReference<BackendSettings> probedWith = new AtomicReference<>();
    final AtomicReference<BackendSettings> createdWith = new AtomicReference<>();

    FakeProvider(String name, int priority, ProbeResult probe) {
        this(name, priority, probe, null);
    }

    FakeProvider(String name, int priority, ProbeResult probe, RuntimeException probeThrows) {
        this.name = name;
        this.priority = priority;
        this.probe = probe;
        this.probeThrows = probeThrows;
    }

    static FakeProvider available(String name, int priority) {
        return new FakeProvider(name, priority, ProbeResult.available("fake"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "fake 1.0";
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        probes.incrementAndGet();
        probedWith.set(settings);
        if (probeThrows != null) {
            throw probeThrows;
        }
        return probe;
    }

    @Override
    public TensorOps create(BackendSettings settings) {
        creations.incrementAndGet();
        createdWith.set(settings);
        return (TensorOps) Proxy.newProxyInstance(TensorOps.class.getClassLoader(), new Class<?>[] {TensorOps.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "fake ops " + name;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException("fake backend " + name + " computes nothing");
                });
    }
}
