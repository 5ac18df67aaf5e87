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
 * The console output of a conformance run: a table, backend and check by (cases or networks
 * passed, failed, skipped, worst error relative to tolerance), then one line per failing quantity
 * naming the case or network, the backend, the quantity, the mismatch count and the worst
 * element, then the verdict.
 */
public final class ConformanceTable {
    private ConformanceTable() {
    }

    /** {@code 0.0123}, {@code 3.4e+05}, or {@code inf}: an error relative to tolerance. */
    public static String ratio(double r) {
        return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.3g", r);
    }

    public static void print(ConformanceRun run, PrintWriter out) {
        out.println(header(run));
        for (Map.Entry<String, String> e : run.unavailable().entrySet()) {
            out.printf(Locale.ROOT, "not run: %s (unavailable: %s)%n", e.getKey(), e.getValue());
        }
        out.println();
        int width = Math.max(7, run.summaries().stream().mapToInt(s -> s.backend().length()).max().orElse(0));
        int checkWidth = Math.max(5, run.summaries().stream().mapToInt(s -> s.check().title().length()).max().orElse(0));
        String row = "%-" + width + "s  %-" + checkWidth + "s  %6s  %6s  %7s  %s%n";
        out.printf(Locale.ROOT, row, "backend", "check", "passed", "failed", "skipped", "worst error / tolerance");
        for (BackendSummary s : run.summaries()) {
            out.printf(Locale.ROOT, row, s.backend(), s.check().title(), s.passed(), s.failed(), s.skipped(),
                    ratio(s.worstRatio()));
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
            out.printf(Locale.ROOT, "PASSED: every check on %s%n",
                    run.summaries().stream().map(BackendSummary::backend).distinct().collect(Collectors.joining(", ")));
        } else if (failures.isEmpty()) {
            out.println("FAILED: nothing ran");
        } else {
            long ran = run.results().stream().filter(r -> !r.skipped()).count();
            out.printf(Locale.ROOT, "FAILED: %d of %d runs (cases and networks)%n", failures.size(), ran);
        }
        out.flush();
    }

    /**
     * {@code conformance: 124 cases (built-in), dtype float32, float64; checks: PyTorch cases,
     * finite differences, agreement with naive}.
     */
    public static String header(ConformanceRun run) {
        String dtypes = run.dtypes().stream().sorted().map(DType::id).collect(Collectors.joining(", "));
        String checks = run.checks().stream().map(Check::title).collect(Collectors.joining(", "));
        String cases = run.checks().contains(Check.PYTORCH)
                ? String.format(Locale.ROOT, "%d case%s (%s), ", run.caseCount(), run.caseCount() == 1 ? "" : "s",
                        run.source())
                : "";
        return "conformance: " + cases + "dtype " + dtypes + "; checks: " + checks;
    }

    /**
     * {@code <case> [<dtype>] on <backend>: <quantity> [shape]: <n> of <m> elements differ; worst
     * [i, j]: actual a, expected e (error r x tolerance; rtol, atol)}.
     */
    public static String failureLine(CaseResult r, QuantityResult q) {
        return r.label() + ": " + q.describe();
    }
}
