package org.backprop4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.io.AtomicFile;

/** Reads and merges JMH's JSON result files ({@code -rf json}). */
public final class JmhResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {
    }

    /**
     * The results in {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be read or is not a JSON array
     */
    public static List<BenchResult> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The results in {@code json}, JMH's format: an array of objects with {@code benchmark}
     * (fully qualified method name), {@code params}, {@code primaryMetric} and, with {@code -prof gc},
     * {@code secondaryMetrics} holding {@code gc.alloc.rate.norm} and {@code gc.alloc.rate}.
     *
     * @throws IllegalArgumentException when {@code json} is not such an array
     */
    public static List<BenchResult> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("JMH results are not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("JMH results must be a JSON array; found "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        List<BenchResult> results = new ArrayList<>();
        for (JsonNode n : root) {
            String method = n.path("benchmark").asText();
            String[] parts = method.split("\\.");
            if (parts.length < 2) {
                throw new IllegalArgumentException("JMH result has benchmark '" + method
                        + "'; expected a qualified name such as org.backprop4j.bench.GemmBenchmark.gemm");
            }
            Map<String, String> params = new LinkedHashMap<>();
            n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode primary = n.path("primaryMetric");
            JsonNode secondary = n.path("secondaryMetrics");
            results.add(new BenchResult(parts[parts.length - 2], params, number(primary.path("score")),
                    number(primary.path("scoreError")), primary.path("scoreUnit").asText(),
                    secondaryScore(secondary, "gc.alloc.rate.norm"), secondaryScore(secondary, "gc.alloc.rate")));
        }
        return results;
    }

    /** Older JMH versions prefix profiler metrics with a middle dot ({@code ·gc.alloc.rate.norm}). */
    private static double secondaryScore(JsonNode secondary, String name) {
        JsonNode metric = secondary.has(name) ? secondary.get(name) : secondary.path("\u00b7" + name);
        return number(metric.path("score"));
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * Concatenates JMH result files into one array, as a single run would have written it.
     *
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static void merge(List<Path> parts, Path target) {
        ArrayNode all = JSON.createArrayNode();
        try {
            for (Path p : parts) {
                JsonNode part = JSON.readTree(p.toFile());
                if (part != null && part.isArray()) {
                    all.addAll((ArrayNode) part);
                }
            }
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all);
            AtomicFile.write(target, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge JMH results into " + target + ": " + e.getMessage(), e);
        }
    }
}
