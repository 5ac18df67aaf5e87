package org.backprop4j.conformance;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.api.Backend;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The SPI contract every backend passes, in JUnit: first the clauses of its
 * {@link BackendProvider} (a name users can select, a version, a dtype, a probe that does not
 * throw, a {@code create()} that works after it), then every check of the op contract
 * ({@link OpContract}): each op of the {@link Backend} facade, primitive and composite, in both
 * dtypes, on edge shapes, by hand (with the special values the facade documents), against the
 * naive reference on seeded random data, and for each clause of
 * {@link org.backprop4j.api.spi.TensorOps} about the ops (aliasing, {@code alpha == 0} and
 * {@code beta == 0}, float32, concurrent calls). One dynamic test per check, named as
 * {@link OpContract}'s results are, so the JUnit run and the command line's never diverge.
 *
 * <p>A backend's test extends this class and supplies its provider:
 * <pre>
 * class EjmlOpsTest extends BackendOpsContract {
 *     protected BackendProvider provider() { return new EjmlBackendProvider(); }
 * }
 * </pre>
 * The backend must be available here. Checks in a dtype it does not declare are skipped
 * (aborted). When it cannot be made (its probe throws, for one), the contract is one failing
 * test quoting the clause, and no op is run.
 */
public abstract class BackendOpsContract {

    /** The backend under test. */
    protected abstract BackendProvider provider();

    /** The provider's clauses, then, if the backend could be made, every check of the op contract. */
    @TestFactory
    Stream<DynamicTest> spiContract() {
        BackendProvider provider = provider();
        List<DynamicTest> tests = new ArrayList<>();
        for (ProviderContract.Clause clause : ProviderContract.clauses(provider)) {
            tests.add(dynamicTest("provider: " + clause.title(), () -> {
                if (clause.violation() != null) {
                    throw new AssertionFailedError("backend provider " + provider.getClass().getName() + ": "
                            + clause.violation() + "; the SPI says of " + clause.text());
                }
            }));
        }
        Backend backend;
        try {
            backend = ProviderContract.backend(provider);
        } catch (AssertionFailedError | TestAbortedException cannotRun) {
            tests.add(dynamicTest("provider: probe() never throws and create() works after it", () -> {
                throw cannotRun;
            }));
            return tests.stream();
        }
        tests.add(dynamicTest("provider: probe() never throws and create() works after it", () -> { }));
        Backend reference = Backend.wrap(new NaiveBackendProvider());
        for (OpCheck check : OpContract.checks()) {
            tests.add(dynamicTest(check.name(), () -> {
                OpCheck.Outcome outcome = check.run(backend, reference);
                CaseResult result = outcome.result();
                if (result.skipped()) {
                    throw new TestAbortedException(result.skipReason());
                }
                if (result.failed()) {
                    throw new AssertionFailedError(result.failureReport(), outcome.thrown());
                }
            }));
        }
        return tests.stream();
    }
}
