package org.backprop4j.cli.fuzz;

import net.jqwik.api.statistics.Statistics;

/**
 * Whether a fuzzed file was accepted or refused, counted per try, and the check that both
 * happen often: a mutator that only ever makes refused files (or only accepted ones) tests one
 * path through the reader.
 */
final class Outcomes {
    private Outcomes() {
    }

    /** Call first in each try: at least 2% of the tries must be accepted and 2% refused. */
    static void requireBothOften() {
        Statistics.coverage(c -> {
            c.check("accepted").percentage(p -> p >= 2);
            c.check("refused").percentage(p -> p >= 2);
        });
    }

    /** Counts this try as accepted or refused. */
    static void record(boolean accepted) {
        Statistics.collect(accepted ? "accepted" : "refused");
    }
}
