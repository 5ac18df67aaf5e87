package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backprop4j.api.Backend;

/**
 * The op contract as plain calls, for tools that run it outside JUnit (the
 * {@code backprop4j conformance} command): every op of the {@link Backend} facade, primitive and
 * composite, in both dtypes, on edge shapes, checked against values worked out by hand
 * (including the special values the facade documents), against the naive reference on seeded
 * random data, and for every clause of the SPI contract on
 * {@link org.backprop4j.api.spi.TensorOps} that concerns the ops: each aliasing it permits or
 * forbids, {@code alpha == 0} and {@code beta == 0}, float32 storage and rounding, concurrent
 * calls. {@link BackendOpsContract} runs the very same checks in JUnit.
 *
 * <p>Each check is one {@link CaseResult}: its case name says what was called, naming the op,
 * dtype, shapes and flags ({@code gemm float32 op(a) [2, 3] op(b) [3, 2] transposeA=true
 * transposeB=false alpha=2.0 beta=0.5}); its quantities name what was compared ({@code c},
 * {@code out = a}); its origin is {@value #ORIGIN}. A check in a dtype the backend does not
 * declare is a skipped result; an exception is a failed quantity named after the op, with the
 * exception, which the facade has made name the op and the backend.
 */
public final class OpContract {
    /** The origin of every result. */
    public static final String ORIGIN = "op contract";

    private static final List<OpCheck> CHECKS = build();

    private OpContract() {
    }

    /**
     * Runs every check on {@code backend}, comparing with {@code reference} (the naive backend;
     * it may be {@code backend} itself) where a check needs a reference; one result per check, in
     * a fixed order.
     */
    public static List<CaseResult> run(Backend backend, Backend reference) {
        List<CaseResult> results = new ArrayList<>();
        for (OpCheck check : CHECKS) {
            results.add(check.run(backend, reference).result());
        }
        return results;
    }

    /** Every check, in the order {@link #run} runs them. */
    static List<OpCheck> checks() {
        return CHECKS;
    }

    private static List<OpCheck> build() {
        List<OpCheck> checks = new ArrayList<>();
        StorageChecks.addTo(checks);
        ProductChecks.addTo(checks);
        RowChecks.addTo(checks);
        ElementwiseChecks.addTo(checks);
        ActivationChecks.addTo(checks);
        UpdateChecks.addTo(checks);
        AliasingChecks.addTo(checks);
        Float32Check.addTo(checks);
        ConcurrencyCheck.addTo(checks);
        Set<String> names = new HashSet<>();
        for (OpCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalStateException("two op-contract checks are named '" + check.name() + "'");
            }
        }
        return List.copyOf(checks);
    }
}
