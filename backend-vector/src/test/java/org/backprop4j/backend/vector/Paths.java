package org.backprop4j.backend.vector;

/**
 * Which loops the tests run: the vector paths, as the backend runs once its {@link Warmup} is
 * done, or the scalar paths it runs until then. Set for both dtypes and the whole JVM; every test
 * class that depends on it sets it before its first op, and no warm-up thread starts after.
 */
final class Paths {
    private Paths() {
    }

    static void vectors() {
        Warmup.FLOAT32.force(true);
        Warmup.FLOAT64.force(true);
    }

    static void scalar() {
        Warmup.FLOAT32.force(false);
        Warmup.FLOAT64.force(false);
    }
}
