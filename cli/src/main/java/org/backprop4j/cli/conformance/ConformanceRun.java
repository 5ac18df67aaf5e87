package org.backprop4j.cli.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.CaseFile;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.CaseRunner;

/**
 * Every case on every backend, and what came of it.
 *
 * @param source    where the cases came from, for the report: {@code built-in} or the directory
 * @param dtypes    the dtypes that were run
 * @param summaries one per backend, in the order run
 * @param results   every case's result, backend by backend, cases in file order
 * @param unavailable backends that were discovered but cannot run here, with the reason
 */
public record ConformanceRun(String source, Set<DType> dtypes, List<BackendSummary> summaries,
                             List<CaseResult> results, Map<String, String> unavailable) {

    /**
     * Runs {@code cases} (those in one of {@code dtypes}, and every rejected file) on each of
     * {@code backends}.
     */
    public static ConformanceRun execute(String source, Set<DType> dtypes, List<Backend> backends, List<CaseFile> cases,
                                         Map<String, String> unavailable) {
        List<CaseFile> selected = cases.stream()
                .filter(c -> !c.isValid() || dtypes.contains(c.parsed().dtype()))
                .toList();
        List<BackendSummary> summaries = new ArrayList<>();
        List<CaseResult> results = new ArrayList<>();
        for (Backend backend : backends) {
            List<CaseResult> mine = selected.stream().map(c -> CaseRunner.run(c, backend)).toList();
            summaries.add(BackendSummary.of(backend.name(), backend.version(), mine));
            results.addAll(mine);
        }
        return new ConformanceRun(source, Set.copyOf(dtypes), summaries, results, Map.copyOf(unavailable));
    }

    /** Number of case files run on each backend. */
    public int caseCount() {
        return summaries.isEmpty() ? 0 : summaries.get(0).passed() + summaries.get(0).failed() + summaries.get(0).skipped();
    }

    /** The results that failed, in order. */
    public List<CaseResult> failures() {
        return results.stream().filter(CaseResult::failed).toList();
    }

    /** True when every case ran and passed on every backend (skips aside) and at least one ran. */
    public boolean passed() {
        return failures().isEmpty() && results.stream().anyMatch(CaseResult::passed);
    }
}
