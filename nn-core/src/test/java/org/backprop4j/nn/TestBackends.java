package org.backprop4j.nn;

import org.backprop4j.api.Backend;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/** The reference backend for nn-core's unit tests. */
public final class TestBackends {
    private TestBackends() {
    }

    public static Backend naive() {
        return Backend.wrap(new NaiveBackendProvider());
    }
}
