package org.backprop4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * PyTorch's throughput on the same training steps, as {@code tools/pytorch/bench_reference.py}
 * measured it (format {@value #FORMAT}). A measured file is bundled with this module, so the
 * report has a PyTorch column without PyTorch installed.
 *
 * @param torchVersion the PyTorch version, e.g. {@code 1.13.1}
 * @param date         when it was measured (ISO 8601)
 * @param machine      the CPU it ran on
 * @param blas         the BLAS library torch called, as the script found it
 * @param steps        one entry per config, dtype and thread count
 */
public record PyTorchReference(String torchVersion, String date, String machine, String blas, List<Step> steps) {
    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "backprop4j.bench.pytorch/1";
    /** Where the measured file lives on the class path. */
    public static final String BUNDLED = "org/backprop4j/bench/pytorch-reference.json";

    /**
     * One measured configuration.
     *
     * @param config         {@code tiny}, {@code digits} or {@code large}
     * @param dtype          {@code float32} or {@code float64}
     * @param threads        {@code torch.get_num_threads()} during the measurement
     * @param stepsPerSecond mean throughput over the timed repeats
     * @param error          standard deviation of the repeats' throughput
     */
    public record Step(String config, String dtype, int threads, double stepsPerSecond, double error) {
    }

    public PyTorchReference {
        steps = List.copyOf(steps);
    }

    /** PyTorch's steps/s for {@code config} and {@code dtype}, if measured (at the first thread count listed). */
    public OptionalDouble stepsPerSecond(String config, String dtype) {
        return steps.stream().filter(s -> s.config.equals(config) && s.dtype.equals(dtype))
                .mapToDouble(Step::stepsPerSecond).findFirst();
    }

    /** The thread counts measured, ascending. */
    public List<Integer> threads() {
        return steps.stream().map(Step::threads).distinct().sorted().toList();
    }

    /** The measurements made with {@code threads} threads only; none when that count was not measured. */
    public PyTorchReference atThreads(int threads) {
        return new PyTorchReference(torchVersion, date, machine, blas,
                steps.stream().filter(s -> s.threads == threads).toList());
    }

    /** The file bundled with this module. */
    public static PyTorchReference bundled() {
        try (InputStream in = PyTorchReference.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the PyTorch reference " + BUNDLED + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /** The reference in {@code file}. */
    public static PyTorchReference read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PyTorch reference " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the JSON the script writes.
     *
     * @throws IllegalArgumentException when the format field is not {@value #FORMAT} or a field is missing
     */
    public static PyTorchReference parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("PyTorch reference is not valid JSON: " + e.getMessage(), e);
        }
        String format = root.path("format").asText();
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("PyTorch reference has format '" + format + "'; expected " + FORMAT);
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode r : required(root, "results")) {
            steps.add(new Step(required(r, "config").asText(), required(r, "dtype").asText(),
                    required(r, "threads").asInt(), required(r, "steps_per_second").asDouble(),
                    r.path("stdev").asDouble(Double.NaN)));
        }
        return new PyTorchReference(required(root, "torch").asText(), required(root, "date").asText(),
                required(root, "machine").asText(), root.path("blas").asText("unknown"), steps);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("PyTorch reference lacks field '" + field + "'");
        }
        return v;
    }
}
