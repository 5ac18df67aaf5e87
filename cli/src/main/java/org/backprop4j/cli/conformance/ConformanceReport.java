package org.backprop4j.cli.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.backprop4j.api.DType;
import org.backprop4j.conformance.CaseResult;
import org.backprop4j.conformance.QuantityResult;
import org.backprop4j.nn.io.AtomicFile;

/**
 * The {@code --report} files of a conformance run. JSON ({@value #FORMAT}): the run's source,
 * dtypes and checks, a summary per backend and check, and per case or network and backend its
 * check, status and every quantity compared
 * (shape, mismatch count, worst element with actual and expected value, error relative to
 * tolerance, tolerance); non-finite numbers are written as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}, as in case files. Markdown: the table and the failures.
 */
public final class ConformanceReport {
    /** The {@code format} of the JSON report. */
    public static final String FORMAT = "backprop4j.conformance-report/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConformanceReport() {
    }

    /**
     * Writes the report to {@code file}: JSON, or when its name ends in {@code .md}, Markdown there
     * and JSON next to it (the same name ending in {@code .json}); each file atomically
     * ({@link AtomicFile}), replacing what was there.
     *
     * @return the files written
     */
    public static List<Path> write(ConformanceRun run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = file.getFileName().toString();
        byte[] json = JSON.writeValueAsBytes(json(run));
        if (name.toLowerCase(Locale.ROOT).endsWith(".md")) {
            Path jsonFile = file.resolveSibling(name.substring(0, name.length() - 3) + ".json");
            byte[] markdown = markdown(run).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(file, out -> out.write(markdown));
            AtomicFile.write(jsonFile, out -> out.write(json));
            return List.of(file, jsonFile);
        }
        AtomicFile.write(file, out -> out.write(json));
        return List.of(file);
    }

    /** The JSON report. */
    public static ObjectNode json(ConformanceRun run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("cases", run.source());
        ArrayNode dtypes = root.putArray("dtypes");
        run.dtypes().stream().sorted().map(DType::id).forEach(dtypes::add);
        ArrayNode checks = root.putArray("checks");
        run.checks().stream().map(Check::id).forEach(checks::add);
        root.put("passed", run.passed());
        ArrayNode backends = root.putArray("backends");
        for (BackendSummary s : run.summaries()) {
            ObjectNode b = backends.addObject();
            b.put("name", s.backend());
            b.put("version", s.version());
            b.put("check", s.check().id());
            b.put("passed", s.passed());
            b.put("failed", s.failed());
            b.put("skipped", s.skipped());
            number(b, "worstErrorOverTolerance", s.worstRatio());
        }
        ObjectNode unavailable = root.putObject("unavailable");
        run.unavailable().forEach(unavailable::put);
        ArrayNode results = root.putArray("results");
        for (CaseResult r : run.results()) {
            ObjectNode c = results.addObject();
            c.put("case", r.caseName());
            c.put("origin", r.origin());
            c.put("check", Check.of(r).id());
            c.put("dtype", r.dtype() == null ? null : r.dtype().id());
            c.put("backend", r.backend());
            c.put("status", r.skipped() ? "skipped" : r.passed() ? "passed" : "failed");
            if (r.skipped()) {
                c.put("reason", r.skipReason());
            }
            number(c, "worstErrorOverTolerance", r.worstRatio());
            ArrayNode quantities = c.putArray("quantities");
            for (QuantityResult q : r.quantities()) {
                ObjectNode o = quantities.addObject();
                o.put("quantity", q.quantity());
                o.put("passed", q.passed());
                if (q.problem() != null) {
                    o.put("problem", q.problem());
                    continue;
                }
                ArrayNode shape = o.putArray("shape");
                for (int d : q.dims()) {
                    shape.add(d);
                }
                o.put("mismatches", q.mismatches());
                o.put("worstElement", q.worstElement());
                number(o, "actual", q.worstActual());
                number(o, "expected", q.worstExpected());
                number(o, "errorOverTolerance", q.worstRatio());
                o.put("rtol", q.tolerance().rtol());
                o.put("atol", q.tolerance().atol());
            }
        }
        return root;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.put(key, "NaN");
        } else if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "Infinity" : "-Infinity");
        } else {
            o.put(key, v);
        }
    }

    /** The Markdown report: the table, then the failures. */
    public static String markdown(ConformanceRun run) {
        StringBuilder sb = new StringBuilder("# backprop4j conformance\n\n");
        sb.append(ConformanceTable.header(run).substring("conformance: ".length())).append(": **")
                .append(run.passed() ? "passed" : "failed").append("**\n\n");
        sb.append("| backend | version | check | passed | failed | skipped | worst error / tolerance |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|\n");
        for (BackendSummary s : run.summaries()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %s |%n", s.backend(), s.version(),
                    s.check().title(), s.passed(), s.failed(), s.skipped(), ConformanceTable.ratio(s.worstRatio())));
        }
        run.unavailable().forEach((name, why) -> sb.append(String.format(Locale.ROOT,
                "%nNot run: %s (unavailable: %s)%n", name, why)));
        List<CaseResult> failures = run.failures();
        if (!failures.isEmpty()) {
            sb.append("\n## Failures\n\n| case or network | backend | quantity | mismatches | worst element | actual | expected "
                    + "| error / tolerance |\n|---|---|---|---:|---|---:|---:|---:|\n");
            for (CaseResult r : failures) {
                for (QuantityResult q : r.failures()) {
                    String name = r.caseName() + (r.dtype() == null ? "" : " [" + r.dtype() + "]");
                    if (q.problem() != null) {
                        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | | | | | %s |%n", cell(name), r.backend(),
                                q.quantity(), cell(q.problem())));
                    } else {
                        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d of %d | %s | %s | %s | %s |%n",
                                cell(name), r.backend(), q.quantity(), q.mismatches(), q.elements(), q.worstElement(),
                                q.worstActual(), q.worstExpected(), ConformanceTable.ratio(q.worstRatio())));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
