package org.backprop4j.cli.conformance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.CaseFile;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.CaseRunner;
import org.backprop4j.conformance.ConformanceKit;
import org.backprop4j.conformance.NetworkChecks;
import org.backprop4j.conformance.OpContract;

/**
 * Every check on every backend, and what came of it.
 *
 * <p>The random networks are the kit's: {@value ConformanceKit#FINITE_DIFFERENCE_TRIES} for the
 * finite differences (after the fixed networks that cover every layer type and reduction) and
 * {@value ConformanceKit#CROSS_BACKEND_TRIES} per dtype for the agreement, drawn from the kit's
 * seed {@value ConformanceKit#SEED}, so every run checks the same networks. Finite differences
 * run in float64 only, and only when float64 is among the dtypes; the agreement check does not run
 * on the reference backend itself. The op contract ({@code OpContract}) runs every op in each
 * dtype; its results in a dtype outside {@code dtypes} are left out.
 *
 * @param source      where the PyTorch cases came from, for the report: {@code built-in} or the directory
 * @param dtypes      the dtypes that were run
 * @param checks      the checks that were run
 * @param summaries   one per backend and check, backend by backend in the order run
 * @param results     every case's and network's result, in the same order
 * @param unavailable backends that were discovered but cannot run here, with the reason
 */
public record ConformanceRun(String source, Set<DType> dtypes, Set<Check> checks, List<BackendSummary> summaries,
                             List<CaseResult> results, Map<String, String> unavailable) {
    /** The name of the backend the agreement check compares with. */
    public static final String REFERENCE = "naive";

    public ConformanceRun {
        dtypes = Set.copyOf(dtypes);
        checks = checks.isEmpty() ? Set.of() : EnumSet.copyOf(checks);
        summaries = List.copyOf(summaries);
        results = List.copyOf(results);
        unavailable = Map.copyOf(unavailable);
    }

    /**
     * Runs {@code checks} on each of {@code backends}: the PyTorch check runs {@code cases} (those
     * in one of {@code dtypes}, and every rejected file); the agreement check compares with
     * {@code reference}.
     */
    public static ConformanceRun execute(String source, Set<DType> dtypes, Set<Check> checks, List<Backend> backends,
                                         List<CaseFile> cases, Backend reference, Map<String, String> unavailable) {
        List<CaseFile> selected = cases.stream()
                .filter(c -> !c.isValid() || dtypes.contains(c.parsed().dtype()))
                .toList();
        long seed = Long.parseLong(ConformanceKit.SEED);
        List<BackendSummary> summaries = new ArrayList<>();
        List<CaseResult> results = new ArrayList<>();
        for (Backend backend : backends) {
            for (Check check : checks) {
                List<CaseResult> mine = switch (check) {
                    case PYTORCH -> selected.stream().map(c -> CaseRunner.run(c, backend)).toList();
                    case GRADCHECK -> dtypes.contains(DType.FLOAT64)
                            ? NetworkChecks.finiteDifferences(backend, ConformanceKit.FINITE_DIFFERENCE_TRIES, seed)
                            : null;
                    case AGREEMENT -> backend.name().equals(reference.name()) ? null
                            : NetworkChecks.agreement(backend, reference, dtypes, ConformanceKit.CROSS_BACKEND_TRIES,
                                    seed);
                    case OPS -> OpContract.run(backend, reference).stream()
                            .filter(r -> r.dtype() == null || dtypes.contains(r.dtype())).toList();
                };
                if (mine != null) {
                    summaries.add(BackendSummary.of(backend.name(), backend.version(), check, mine));
                    results.addAll(mine);
                }
            }
        }
        return new ConformanceRun(source, dtypes, checks, summaries, results, unavailable);
    }

    /** Number of PyTorch case files run on each backend (0 when that check did not run). */
    public int caseCount() {
        return summaries.stream().filter(s -> s.check() == Check.PYTORCH).findFirst()
                .map(s -> s.passed() + s.failed() + s.skipped()).orElse(0);
    }

    /** The results that failed, in order. */
    public List<CaseResult> failures() {
        return results.stream().filter(CaseResult::failed).toList();
    }

    /** True when everything ran passed on every backend (skips aside) and at least one ran. */
    public boolean passed() {
        return failures().isEmpty() && results.stream().anyMatch(CaseResult::passed);
    }
}
