package org.backprop4j.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.nn.io.ModelDirectory;
import org.backprop4j.nn.io.ModelFormatException;
import org.backprop4j.nn.io.NonFiniteValues;
import org.backprop4j.nn.io.SavedModel;

/**
 * {@link ModelDirectory#read} on model directories whose model.json, weights, or both are
 * mutated: it either reads the model or refuses it with a {@link ModelFormatException} (its
 * {@code ModelTooLargeException} included), with non-finite weights refused or allowed; and a
 * model it accepts, written and read again, is the same model and writes the same bytes.
 */
class ModelDirectoryFuzzTest {
    private static final Backend NAIVE = Backends.discover().get("naive");
    private static Path dir;

    @BeforeContainer
    static void scratch() {
        dir = FuzzFiles.createDirectory("model-fuzz");
    }

    @AfterContainer
    static void clean() {
        FuzzFiles.delete(dir);
    }

    /** A model directory's two files. */
    record Files2(byte[] json, byte[] weights) {
    }

    @Provide
    Arbitrary<Files2> models() {
        List<Path> seeds = Corpus.entries("models");
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 2),
                Mutations.mutations(false), Mutations.mutations(true))
                .as((seed, which, onJson, onWeights) -> {
                    byte[] json = Corpus.bytes(seed.resolve(ModelDirectory.MODEL_JSON));
                    byte[] weights = Corpus.bytes(seed.resolve(ModelDirectory.WEIGHTS));
                    return new Files2(which == 1 ? json : Mutations.apply(json, onJson),
                            which == 0 ? weights : Mutations.apply(weights, onWeights));
                });
    }

    @Property(seed = "20261129")
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // the coverage check below is what matters
    void onlyItsOwnErrorEscapesAndWhatItAcceptsRoundTrips(@ForAll("models") Files2 model) throws Exception {
        Outcomes.requireBothOften();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve(ModelDirectory.MODEL_JSON), model.json());
        Files.write(in.resolve(ModelDirectory.WEIGHTS), model.weights());
        for (NonFiniteValues policy : NonFiniteValues.values()) {
            SavedModel read;
            try {
                read = ModelDirectory.read(in, NAIVE, policy);
                Outcomes.record(true);
            } catch (ModelFormatException e) {
                Outcomes.record(false);
                assertThat(e.getMessage()).as("names the file").startsWith(in.toString());
                continue;
            }
            Path out = dir.resolve("out");
            ModelDirectory.write(out, read);
            SavedModel again = ModelDirectory.read(out, NAIVE, policy);
            assertSameModel(again, read);
            Path twice = dir.resolve("twice");
            ModelDirectory.write(twice, again);
            for (String f : List.of(ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS)) {
                assertThat(Files.readAllBytes(twice.resolve(f))).as(f).isEqualTo(Files.readAllBytes(out.resolve(f)));
            }
        }
    }

    static void assertSameModel(SavedModel a, SavedModel e) {
        assertThat(a.network().specs()).isEqualTo(e.network().specs());
        assertThat(a.network().dtype()).isEqualTo(e.network().dtype());
        assertThat(a.inputNames()).isEqualTo(e.inputNames());
        assertThat(a.outputNames()).isEqualTo(e.outputNames());
        assertThat(a.classes()).isEqualTo(e.classes());
        assertThat(a.normalization().inputMean()).isEqualTo(e.normalization().inputMean());
        assertThat(a.normalization().inputStd()).isEqualTo(e.normalization().inputStd());
        assertThat(a.normalization().targetMean()).isEqualTo(e.normalization().targetMean());
        assertThat(a.normalization().targetStd()).isEqualTo(e.normalization().targetStd());
        Map<String, double[]> sa = a.network().stateDict();
        Map<String, double[]> se = e.network().stateDict();
        assertThat(sa.keySet()).containsExactlyElementsOf(se.keySet());
        for (String key : se.keySet()) {
            assertThat(Arrays.stream(sa.get(key)).mapToLong(Double::doubleToRawLongBits).toArray()).as(key)
                    .isEqualTo(Arrays.stream(se.get(key)).mapToLong(Double::doubleToRawLongBits).toArray());
        }
    }
}
