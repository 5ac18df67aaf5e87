package org.backprop4j.backend.vector;

import org.backprop4j.api.spi.ProbeResult;

/**
 * Prints the provider's probe and what {@code create()} does, for {@link VectorBackendProviderTest}
 * to run in a JVM started without the incubator module or with narrow vectors.
 */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        VectorBackendProvider provider = new VectorBackendProvider();
        ProbeResult probe = provider.probe();
        System.out.println("probe: " + probe);
        try {
            provider.create();
            System.out.println("create: ok");
        } catch (IllegalStateException e) {
            System.out.println("create: " + e.getMessage());
        }
    }
}
