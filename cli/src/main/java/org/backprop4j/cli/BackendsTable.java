package org.backprop4j.cli;

import java.util.List;
import java.util.Locale;
import org.backprop4j.api.BackendInfo;
import org.backprop4j.api.DType;

/** The table {@code backprop4j backends} prints: one row per backend, then the thread setting and the choice. */
final class BackendsTable {
    private BackendsTable() {
    }

    /**
     * A row per backend (name, version, priority, dtypes, probe result and time), in the order
     * given, with the name and version columns as wide as their longest entry; then the lines
     * {@code threads: THREADS} and {@code selected: SELECTED}. No argument is modified.
     *
     * @param threads  the thread setting and where it came from ({@code Backends.describeThreads()})
     * @param selected the backend chosen and why ({@code Selection.describe()})
     */
    static String format(List<BackendInfo> backends, String threads, String selected) {
        int nameWidth = "name".length();
        int versionWidth = "version".length();
        for (BackendInfo b : backends) {
            nameWidth = Math.max(nameWidth, b.name().length());
            versionWidth = Math.max(versionWidth, b.version().length());
        }
        String row = "%-" + nameWidth + "s  %-" + versionWidth + "s  %8s  %-15s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, row, "name", "version", "priority", "dtypes", "probe"));
        for (BackendInfo b : backends) {
            sb.append(String.format(Locale.ROOT, row, b.name(), b.version(), b.priority(), dtypeList(b),
                    b.probe() + " (" + b.probeMillis() + " ms)"));
        }
        sb.append("threads: ").append(threads).append(System.lineSeparator());
        sb.append("selected: ").append(selected).append(System.lineSeparator());
        return sb.toString();
    }

    /** {@code float32,float64}, or {@code -} for none. */
    private static String dtypeList(BackendInfo info) {
        return info.dtypes().stream().sorted().map(DType::id).reduce((a, b) -> a + "," + b).orElse("-");
    }
}
