package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/**
 * The kit's second and third checks as plain calls that return {@link CaseResult}s, one per
 * network, for tools that run them outside JUnit and jqwik (the {@code backprop4j conformance}
 * command). The networks are the kit's: {@link RandomNetworks#gradcheckCoverage} and random
 * architectures, here drawn by {@link RandomNetworks#sample} from a fixed seed rather than by
 * jqwik, so a failure is reported as drawn, without shrinking.
 *
 * <p>A result's case name is {@code gradcheck <network>} or {@code agreement <network>} (the
 * network as {@link RandomNetworks.Architecture#toString()} gives it), its origin
 * {@value #FINITE_DIFFERENCES} or {@value #AGREEMENT}. A network in a dtype the backend does not
 * declare is a skipped result; an exception is a failed quantity {@code run} with its message.
 */
public final class NetworkChecks {
    /** The origin of finite-difference results. */
    public static final String FINITE_DIFFERENCES = "finite differences";
    /** The origin of cross-backend results. */
    public static final String AGREEMENT = "agreement with naive";

    private NetworkChecks() {
    }

    /**
     * Check 2: every network of {@link RandomNetworks#gradcheckCoverage} and {@code randomNetworks}
     * random ones, in float64, backward against central differences of forward.
     */
    public static List<CaseResult> finiteDifferences(Backend backend, int randomNetworks, long seed) {
        List<RandomNetworks.Architecture> networks = new ArrayList<>(RandomNetworks.gradcheckCoverage(seed));
        networks.addAll(sample(randomNetworks, seed));
        List<CaseResult> results = new ArrayList<>();
        for (RandomNetworks.Architecture a : networks) {
            results.add(run("gradcheck " + a, FINITE_DIFFERENCES, DType.FLOAT64, backend, () ->
                    FiniteDifferences.check(backend, RandomNetworks.problem(a, DType.FLOAT64, a.toString()))));
        }
        return results;
    }

    /**
     * Check 3: {@code networks} random networks in each of {@code dtypes}, every quantity (output,
     * loss, gradients, three SGD steps) on {@code backend} against the same on {@code reference}.
     */
    public static List<CaseResult> agreement(Backend backend, Backend reference, Set<DType> dtypes, int networks,
                                             long seed) {
        List<RandomNetworks.Architecture> drawn = sample(networks, seed);
        List<CaseResult> results = new ArrayList<>();
        for (DType dtype : DType.values()) {
            if (!dtypes.contains(dtype)) {
                continue;
            }
            for (RandomNetworks.Architecture a : drawn) {
                results.add(run("agreement " + a, AGREEMENT, dtype, backend, () -> CrossBackendCheck.check(backend,
                        reference, RandomNetworks.problem(a, dtype, a + " [" + dtype + "]"))));
            }
        }
        return results;
    }

    /** {@code n} architectures drawn from {@code seed}. */
    static List<RandomNetworks.Architecture> sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<RandomNetworks.Architecture> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RandomNetworks.sample(rng));
        }
        return out;
    }

    private static CaseResult run(String name, String origin, DType dtype, Backend backend,
                                  Supplier<List<QuantityResult>> check) {
        if (!backend.dtypes().contains(dtype)) {
            return new CaseResult(name, origin, dtype, backend.name(), List.of(),
                    "backend '" + backend.name() + "' does not support " + dtype);
        }
        List<QuantityResult> quantities;
        try {
            quantities = check.get();
        } catch (RuntimeException e) {
            quantities = List.of(QuantityResult.problem("run", "threw " + e));
        }
        return new CaseResult(name, origin, dtype, backend.name(), quantities, null);
    }
}
