package org.backprop4j.cli.conformance;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.NetworkChecks;
import org.backprop4j.conformance.OpContract;

/**
 * The four checks of a conformance run, as the conformance kit runs them in JUnit.
 */
public enum Check {
    /** The PyTorch-made cases (the built-in ones or {@code --cases DIR}), under the case format's tolerance. */
    PYTORCH("pytorch", "PyTorch cases"),
    /** Backward against central differences of forward, in float64, on fixed and random networks. */
    GRADCHECK("gradcheck", NetworkChecks.FINITE_DIFFERENCES),
    /** Random networks in each dtype against the naive reference backend (not run on naive itself). */
    AGREEMENT("agreement", NetworkChecks.AGREEMENT),
    /**
     * Every op of the facade and every clause of the SPI contract, against hand-computed values
     * and the naive reference ({@link OpContract}, as {@code BackendOpsContract} in JUnit).
     */
    OPS("ops", OpContract.ORIGIN);

    private final String id;
    private final String title;

    Check(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The name on the command line, e.g. {@code gradcheck}. */
    public String id() {
        return id;
    }

    /**
     * The name in tables and reports, e.g. {@code finite differences}: for the network checks, the
     * origin {@link NetworkChecks} gives their results.
     */
    public String title() {
        return title;
    }

    /** The check {@code result} came from: by its origin, which for a case file is its path. */
    public static Check of(CaseResult result) {
        return switch (result.origin()) {
            case NetworkChecks.FINITE_DIFFERENCES -> GRADCHECK;
            case NetworkChecks.AGREEMENT -> AGREEMENT;
            case OpContract.ORIGIN -> OPS;
            default -> PYTORCH;
        };
    }

    /**
     * The checks a {@code --checks} value names: {@code all}, or a comma-separated list of
     * {@code pytorch}, {@code gradcheck}, {@code agreement} and {@code ops} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static Set<Check> parse(String value) {
        if (value.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Check.class);
        }
        Set<Check> checks = EnumSet.noneOf(Check.class);
        for (String part : value.split(",", -1)) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            checks.add(Stream.of(values()).filter(c -> c.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--checks '" + value + "': '" + part.trim()
                            + "' is not a check; allowed: all, or a comma-separated list of " + allowed())));
        }
        return checks;
    }

    private static String allowed() {
        return Stream.of(values()).map(Check::id).collect(Collectors.joining(", "));
    }
}
