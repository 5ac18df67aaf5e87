package org.backprop4j.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of the module bundles, recorded by Maven in {@code build.properties}: the ND4J
 * version and the platform whose natives were resolved ({@code javacpp.platform}). Read from a
 * resource, so that it is known without loading ND4J.
 *
 * @param nd4jVersion e.g. {@code 1.0.0-M2.1}
 * @param platform    e.g. {@code linux-x86_64}
 */
record Nd4jBuild(String nd4jVersion, String platform) {
    private static final String RESOURCE = "build.properties";

    /** The values of this module's {@code build.properties}. */
    static Nd4jBuild load() {
        Properties p = new Properties();
        try (InputStream in = Nd4jBuild.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing next to " + Nd4jBuild.class.getName());
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new Nd4jBuild(p.getProperty("nd4j.version"), p.getProperty("javacpp.platform"));
    }
}
