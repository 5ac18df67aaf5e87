package org.backprop4j.cli.conformance;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.QuantityResult;

/**
 * The console output of a conformance run: a table, backend by (cases passed, failed, skipped,
 * worst error relative to tolerance), then one line per failing quantity naming the case, the
 * backend, the quantity, the mismatch count and the worst element, then the verdict.
 */
public final class ConformanceTable {
    private ConformanceTable() {
    }

    /** {@code 0.0123}, {@code 3.4e+05}, or {@code inf}: an error relative to tolerance. */
    public static String ratio(double r) {
        return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.3g", r);
    }

    public static void print(ConformanceRun run, PrintWriter out) {
        String dtypes = run.dtypes().stream().sorted().map(DType::id).collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "conformance: %d case%s (%s), dtype %s%n", run.caseCount(),
                run.caseCount() == 1 ? "" : "s", run.source(), dtypes);
        for (Map.Entry<String, String> e : run.unavailable().entrySet()) {
            out.printf(Locale.ROOT, "not run: %s (unavailable: %s)%n", e.getKey(), e.getValue());
        }
        out.println();
        int width = Math.max(7, run.summaries().stream().mapToInt(s -> s.backend().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %6s  %6s  %7s  %s%n", "backend", "passed", "failed", "skipped",
                "worst error / tolerance");
        for (BackendSummary s : run.summaries()) {
            out.printf(Locale.ROOT, "%-" + width + "s  %6d  %6d  %7d  %s%n", s.backend(), s.passed(), s.failed(),
                    s.skipped(), ratio(s.worstRatio()));
        }
        List<CaseResult> failures = run.failures();
        if (!failures.isEmpty()) {
            out.println();
            out.println("failures:");
            for (CaseResult r : failures) {
                for (QuantityResult q : r.failures()) {
                    out.println("  " + failureLine(r, q));
                }
            }
        }
        out.println();
        if (run.passed()) {
            out.printf(Locale.ROOT, "PASSED: every case on %s%n",
                    run.summaries().stream().map(BackendSummary::backend).collect(Collectors.joining(", ")));
        } else if (failures.isEmpty()) {
            out.println("FAILED: no case ran");
        } else {
            long ran = run.results().stream().filter(r -> !r.skipped()).count();
            out.printf(Locale.ROOT, "FAILED: %d of %d case runs%n", failures.size(), ran);
        }
        out.flush();
    }

    /**
     * {@code <case> [<dtype>] on <backend>: <quantity> [shape]: <n> of <m> elements differ; worst
     * [i, j]: actual a, expected e (error r x tolerance; rtol, atol)}.
     */
    public static String failureLine(CaseResult r, QuantityResult q) {
        return r.label() + ": " + q.describe();
    }
}
