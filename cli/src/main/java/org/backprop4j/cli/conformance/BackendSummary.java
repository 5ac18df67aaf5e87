package org.backprop4j.cli.conformance;

import java.util.List;
import org.backprop4j.conformance.CaseResult;

/**
 * One row of the conformance table: how one check went on one backend.
 *
 * @param backend    the backend's name
 * @param version    the version of the library doing its work
 * @param check      the check
 * @param passed     cases or networks that passed
 * @param failed     cases or networks that failed (including rejected case files)
 * @param skipped    cases or networks in a dtype the backend does not support
 * @param worstRatio the largest error relative to tolerance over every one run ({@code <= 1} when all passed)
 */
public record BackendSummary(String backend, String version, Check check, int passed, int failed, int skipped,
                             double worstRatio) {

    /** The summary of {@code results}, all of one backend and one check. */
    public static BackendSummary of(String backend, String version, Check check, List<CaseResult> results) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        double worst = 0;
        for (CaseResult r : results) {
            if (r.skipped()) {
                skipped++;
                continue;
            }
            if (r.passed()) {
                passed++;
            } else {
                failed++;
            }
            worst = Math.max(worst, r.worstRatio());
        }
        return new BackendSummary(backend, version, check, passed, failed, skipped, worst);
    }
}
