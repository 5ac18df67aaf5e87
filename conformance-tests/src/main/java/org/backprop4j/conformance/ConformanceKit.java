package org.backprop4j.conformance;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit: the three checks that make a tensor backend a backprop4j backend. A
 * backend's test extends it and names its provider:
 * <pre>
 * class EjmlConformanceTest extends ConformanceKit {
 *     protected BackendProvider provider() { return new EjmlBackendProvider(); }
 * }
 * </pre>
 * <ol>
 *   <li>{@link #pyTorchGoldenCases()}: every PyTorch case of {@link #cases()} (the built-in ones
 *       by default): output, loss, the gradient of the input and of every parameter, and training
 *       runs with SGD, Adam and AdamW and their schedules, under the case format's tolerance. A
 *       JUnit dynamic test per case, named {@code <case> [<dtype>]}.</li>
 *   <li>{@link #finiteDifferences()} and {@link #finiteDifferencesOnRandomNetworks}: in float64,
 *       backward against central differences of forward ({@link FiniteDifferences}): a dynamic
 *       test for each layer type and each loss with both reductions (dropout in training mode with
 *       a fixed mask among them), then random networks; and {@link #dropoutInTrainingMode()}, the
 *       statistics of dropout's masks in each dtype ({@link DropoutCheck}).</li>
 *   <li>{@link #crossBackendAgreementFloat32} and {@link #crossBackendAgreementFloat64}: random
 *       networks and data ({@link RandomNetworks}), against the naive reference backend
 *       ({@link CrossBackendCheck}).</li>
 * </ol>
 * The random checks are jqwik properties with a fixed seed ({@value #SEED}) and a bounded number
 * of tries, so every run checks the same networks; when one fails, jqwik shrinks it to a smallest
 * failing network and prints it. (jqwik runs them; its engine comes with this kit.) A property in
 * a dtype the backend does not declare is skipped ({@link SkipUnsupportedDType}).
 *
 * <p>A failure names the case or network, the quantity (e.g. {@code grads.0.weight}) and the
 * worst element with its actual and expected value. The backend must be available (its probe
 * must succeed); cases in a dtype it does not declare are skipped.
 */
public abstract class ConformanceKit {
    /** The seed of every random check; fixed, so every run checks the same networks. */
    public static final String SEED = "1650549611";
    /** Random networks per cross-backend property (one property per dtype). */
    public static final int CROSS_BACKEND_TRIES = 40;
    /** Random networks of the finite-difference property. */
    public static final int FINITE_DIFFERENCE_TRIES = 10;

    private Backend backend;
    private Backend reference;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    /** The PyTorch cases to run; the built-in ones unless overridden (e.g. to add a directory of one's own). */
    protected List<CaseFile> cases() {
        return Cases.builtIn();
    }

    /**
     * The backend under test, made once per test instance. When it cannot be made (unavailable
     * here, or a probe that throws), the first test of the run that needs it fails saying why and
     * the others are aborted ({@link ProviderContract#backend}).
     */
    protected final Backend backend() {
        if (backend == null) {
            backend = ProviderContract.backend(provider());
        }
        return backend;
    }

    private Backend reference() {
        if (reference == null) {
            reference = Backend.wrap(new NaiveBackendProvider());
        }
        return reference;
    }

    // ---- 1. PyTorch golden cases -----------------------------------------------------------

    /** Check 1: the PyTorch cases, one test per case, named {@code <case> [<dtype>]}. */
    @TestFactory
    Stream<DynamicTest> pyTorchGoldenCases() {
        Backend b = backend();
        List<CaseFile> files = cases();
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("cases", () -> fail("no conformance cases were found")));
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(testName(file), () -> {
            CaseResult result = CaseRunner.run(file, b);
            assumeTrue(!result.skipped(), result::skipReason);
            if (result.failed()) {
                fail(result.failureReport());
            }
        }));
    }

    private static String testName(CaseFile file) {
        return file.isValid() ? file.parsed().name() + " [" + file.parsed().dtype() + "]"
                : file.origin() + " [rejected]";
    }

    // ---- 2. finite differences -------------------------------------------------------------

    /** Check 2a: finite differences in float64 for every layer type with both reductions. */
    @TestFactory
    Stream<DynamicTest> finiteDifferences() {
        Backend b = backend();
        return finiteDifferenceCoverage().stream().map(architecture -> {
            String name = "gradcheck " + architecture.describe() + " [float64]";
            return DynamicTest.dynamicTest(name, () -> checkFiniteDifferences(b, architecture));
        });
    }

    /** Check 2b: finite differences in float64 on random networks. */
    @Property(tries = FINITE_DIFFERENCE_TRIES, seed = SEED, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    @Label("gradcheck on random networks [float64]")
    @RequiresDType(DType.FLOAT64)
    @AddLifecycleHook(SkipUnsupportedDType.class)
    void finiteDifferencesOnRandomNetworks(@ForAll("architectures") RandomNetworks.Architecture architecture) {
        checkFiniteDifferences(backend(), architecture);
    }

    private static void checkFiniteDifferences(Backend b, RandomNetworks.Architecture architecture) {
        assumeTrue(b.dtypes().contains(DType.FLOAT64), "backend does not support float64");
        NetworkProblem problem = RandomNetworks.problem(architecture, DType.FLOAT64, architecture.toString());
        report("finite differences", problem, b, FiniteDifferences.check(b, problem));
    }

    /** The fixed networks of the finite-difference check ({@link RandomNetworks#gradcheckCoverage}). */
    static List<RandomNetworks.Architecture> finiteDifferenceCoverage() {
        return RandomNetworks.gradcheckCoverage(Long.parseLong(SEED));
    }

    /**
     * Check 2c: dropout in training mode, in each dtype the backend declares ({@link DropoutCheck}):
     * exact inverted scaling, the fraction kept, the backward mask, a new mask per pass, and the
     * identity in evaluation mode.
     */
    @TestFactory
    Stream<DynamicTest> dropoutInTrainingMode() {
        Backend b = backend();
        return Stream.of(DType.values()).map(dtype -> DynamicTest.dynamicTest(
                "dropout(" + DropoutCheck.P + ") masks [" + dtype + "]", () -> {
                    assumeTrue(b.dtypes().contains(dtype), "backend does not support " + dtype);
                    report("dropout in training mode", "dropout(" + DropoutCheck.P + ") [" + dtype + "]", b,
                            DropoutCheck.check(b, dtype));
                }));
    }

    // ---- 3. cross-backend agreement --------------------------------------------------------

    /** Check 3: random networks in float32, against the naive reference backend. */
    @Property(tries = CROSS_BACKEND_TRIES, seed = SEED, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    @Label("agreement with naive on random networks [float32]")
    @RequiresDType(DType.FLOAT32)
    @AddLifecycleHook(SkipUnsupportedDType.class)
    void crossBackendAgreementFloat32(@ForAll("architectures") RandomNetworks.Architecture architecture) {
        checkAgreement(architecture, DType.FLOAT32);
    }

    /** Check 3: random networks in float64, against the naive reference backend. */
    @Property(tries = CROSS_BACKEND_TRIES, seed = SEED, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    @Label("agreement with naive on random networks [float64]")
    @RequiresDType(DType.FLOAT64)
    @AddLifecycleHook(SkipUnsupportedDType.class)
    void crossBackendAgreementFloat64(@ForAll("architectures") RandomNetworks.Architecture architecture) {
        checkAgreement(architecture, DType.FLOAT64);
    }

    private void checkAgreement(RandomNetworks.Architecture architecture, DType dtype) {
        Backend b = backend();
        NetworkProblem problem = RandomNetworks.problem(architecture, dtype, architecture + " [" + dtype + "]");
        report("agreement with naive", problem, b, CrossBackendCheck.check(b, reference(), problem));
    }

    @Provide
    Arbitrary<RandomNetworks.Architecture> architectures() {
        return Architectures.arbitrary();
    }

    private static void report(String check, NetworkProblem problem, Backend b, List<QuantityResult> results) {
        report(check, problem.description(), b, results);
    }

    private static void report(String check, String description, Backend b, List<QuantityResult> results) {
        List<QuantityResult> failures = results.stream().filter(q -> !q.passed()).toList();
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(check).append(": ").append(description).append(" on ")
                    .append(b.name()).append(" failed:");
            for (QuantityResult q : failures) {
                sb.append(System.lineSeparator()).append("  ").append(q.describe());
            }
            fail(sb.toString());
        }
    }
}
