package org.backprop4j.bench.report;

import java.util.List;

/**
 * One performance target (of issue 6, {@link Targets}, or issue 13, {@link VectorTargets}), evaluated on one run.
 *
 * @param name    short name, e.g. {@code large float32 vs PyTorch}
 * @param goal    the target as a sentence with its threshold
 * @param status  met, missed, or not measured in this run
 * @param figures the measured figures behind the verdict, one line each
 */
public record Target(String name, String goal, Status status, List<String> figures) {
    public enum Status {
        MET("met"), MISSED("missed"), NOT_MEASURED("not measured");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public Target {
        figures = List.copyOf(figures);
    }
}
