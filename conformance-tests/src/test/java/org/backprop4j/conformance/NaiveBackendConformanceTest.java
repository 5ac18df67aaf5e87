package org.backprop4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/**
 * The whole kit on the reference backend: PyTorch cases (the built-in ones and the losses, layers,
 * optimizers and schedules of issue 11 in {@code src/test/resources/issue11-cases}, made by
 * {@code src/test/pytorch/make_issue11_cases.py}), finite differences, dropout masks, and agreement
 * with itself.
 */
class NaiveBackendConformanceTest extends ConformanceKit {
    /** The directory of the issue 11 cases, on the test class path. */
    static Path issue11Cases() {
        try {
            return Path.of(NaiveBackendConformanceTest.class.getResource("/issue11-cases").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected BackendProvider provider() {
        return new NaiveBackendProvider();
    }

    @Override
    protected List<CaseFile> cases() {
        List<CaseFile> all = new ArrayList<>(Cases.builtIn());
        try {
            all.addAll(Cases.fromDirectory(issue11Cases()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
