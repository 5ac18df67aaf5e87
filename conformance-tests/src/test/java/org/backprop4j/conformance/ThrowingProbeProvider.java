package org.backprop4j.conformance;

import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;

/**
 * A provider that breaks the SPI's first promise: its probe throws the {@link UnsatisfiedLinkError}
 * a missing native library gives, instead of returning it as unavailable. Each instance has a name
 * of its own, so that the kit reports it afresh in each test.
 */
final class ThrowingProbeProvider extends NaiveTestDouble {

    ThrowingProbeProvider(String name) {
        super(name, "libfoo 1.0");
    }

    @Override
    public ProbeResult probe(BackendSettings settings) {
        throw new UnsatisfiedLinkError("no jnifoo in java.library.path");
    }
}
