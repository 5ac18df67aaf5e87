package org.backprop4j.conformance;

import java.util.List;
import java.util.Objects;
import org.backprop4j.api.DType;

/**
 * The outcome of one case on one backend: every quantity compared, or why it was skipped.
 *
 * @param caseName   the case's name (a rejected file's origin)
 * @param origin     where the case came from
 * @param dtype      the case's dtype, or null for a rejected file
 * @param backend    the backend's name
 * @param quantities every quantity compared, in order; for a rejected file the one quantity
 *                   {@code format}, for a run that threw, the quantities so far and then {@code run}
 * @param skipReason why the case was not run (the backend does not support its dtype), or null
 */
public record CaseResult(String caseName, String origin, DType dtype, String backend, List<QuantityResult> quantities,
                         String skipReason) {
    public CaseResult {
        Objects.requireNonNull(caseName, "caseName");
        quantities = List.copyOf(quantities);
    }

    public boolean skipped() {
        return skipReason != null;
    }

    /** Ran and every quantity passed. */
    public boolean passed() {
        return !skipped() && quantities.stream().allMatch(QuantityResult::passed);
    }

    /** Ran (or was rejected) and some quantity failed. */
    public boolean failed() {
        return !skipped() && !passed();
    }

    /** The quantities that failed, in order. */
    public List<QuantityResult> failures() {
        return quantities.stream().filter(q -> !q.passed()).toList();
    }

    /**
     * The largest error relative to tolerance over the quantities that were compared: at most 1
     * when the case passed; 0 when none was (a rejected file, a skipped case). Quantities that
     * could not be compared (a shape that differs, a crash) count as failures, not here.
     */
    public double worstRatio() {
        return quantities.stream().filter(q -> q.problem() == null).mapToDouble(QuantityResult::worstRatio).max()
                .orElse(0);
    }

    /** {@code <case> [<dtype>] on <backend>}. */
    public String label() {
        return caseName + (dtype == null ? "" : " [" + dtype + "]") + " on " + backend;
    }

    /**
     * A report of the failures: {@code case <label> (<origin>) failed:} and one line per failing
     * quantity naming it, the mismatch count and the worst element with its actual and expected value.
     */
    public String failureReport() {
        StringBuilder sb = new StringBuilder("case ").append(label()).append(" (").append(origin).append(") failed:");
        for (QuantityResult q : failures()) {
            sb.append(System.lineSeparator()).append("  ").append(q.describe());
        }
        return sb.toString();
    }
}
