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
     * @param threads        the cores PyTorch was given: OpenBLAS's thread count
     * @param setup          {@value #DEFAULT_SETUP} ({@code torch.set_num_threads(threads)}, what
     *                       {@code import torch} gives on that many cores) or {@value #TUNED_SETUP}
     *                       ({@code torch.set_num_threads(1)}, OpenBLAS still on {@code threads}:
     *                       PyTorch's OpenMP pool kept from spinning on the cores the products need);
     *                       files without the field hold default measurements
     * @param stepsPerSecond mean throughput over the timed repeats
     * @param error          standard deviation of the repeats' throughput
     */
    public record Step(String config, String dtype, int threads, String setup, double stepsPerSecond, double error) {
    }

    /** The setup of PyTorch as it comes: one intra-op thread per core given. */
    public static final String DEFAULT_SETUP = "default";
    /** The setup tuned by hand: one intra-op thread, OpenBLAS on every core given. */
    public static final String TUNED_SETUP = "tuned";

    public PyTorchReference {
        steps = List.copyOf(steps);
    }

    /**
     * PyTorch's steps/s for {@code config} and {@code dtype} in its default setup, if measured (at
     * the first thread count listed).
     */
    public OptionalDouble stepsPerSecond(String config, String dtype) {
        return stepsPerSecond(config, dtype, DEFAULT_SETUP);
    }

    /** PyTorch's steps/s for {@code config} and {@code dtype} in its tuned setup, if measured. */
    public OptionalDouble tunedStepsPerSecond(String config, String dtype) {
        return stepsPerSecond(config, dtype, TUNED_SETUP);
    }

    private OptionalDouble stepsPerSecond(String config, String dtype, String setup) {
        return steps.stream().filter(s -> s.config.equals(config) && s.dtype.equals(dtype) && s.setup.equals(setup))
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
            String setup = r.path("setup").asText(DEFAULT_SETUP);
            if (!setup.equals(DEFAULT_SETUP) && !setup.equals(TUNED_SETUP)) {
                throw new IllegalArgumentException("PyTorch reference result " + steps.size() + " has setup '" + setup
                        + "'; expected " + DEFAULT_SETUP + " or " + TUNED_SETUP);
            }
            steps.add(new Step(required(r, "config").asText(), required(r, "dtype").asText(),
                    required(r, "threads").asInt(), setup,
                    required(r, "steps_per_second").asDouble(),
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
