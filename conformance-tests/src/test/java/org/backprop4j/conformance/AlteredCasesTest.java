package org.backprop4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.api.Backend;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of valid PyTorch case files passes; the same files with one gradient value altered fail. */
class AlteredCasesTest {
    private static final String ALTERED = "layers/linear_relu_6x4_batch5_mean_float64.json";

    private static void copyBuiltIns(Path to) throws IOException, URISyntaxException {
        Path from = Path.of(Cases.class.getClassLoader().getResource(Cases.BUILT_IN_RESOURCE).toURI());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private static List<CaseResult> runAll(Path dir) throws IOException {
        Backend naive = Backend.wrap(new NaiveBackendProvider());
        return Cases.fromDirectory(dir).stream().map(c -> CaseRunner.run(c, naive)).toList();
    }

    @Test
    void theCopiedCasesPassAndOneAlteredGradientFailsNamingCaseQuantityAndElement(@TempDir Path dir) throws Exception {
        copyBuiltIns(dir);
        List<CaseResult> before = runAll(dir);
        assertThat(before).hasSize(368).allMatch(CaseResult::passed);

        Path file = dir.resolve(ALTERED);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ArrayNode data = (ArrayNode) root.get("expected").get("grads").get("0.weight").get("data");
        data.set(5, data.get(5).doubleValue() + 1e-4); // far outside rtol 1e-7, atol 1e-7
        json.writeValue(file.toFile(), root);

        List<CaseResult> after = runAll(dir);
        List<CaseResult> failed = after.stream().filter(CaseResult::failed).toList();
        assertThat(failed).hasSize(1);
        CaseResult r = failed.get(0);
        assertThat(r.caseName()).isEqualTo("linear_relu_6x4_batch5_mean_float64");
        assertThat(r.failures()).extracting(QuantityResult::quantity).containsExactly("grads.0.weight");
        QuantityResult q = r.failures().get(0);
        assertThat(q.mismatches()).isEqualTo(1);
        assertThat(q.worstElement()).isEqualTo("[0, 5]"); // element 5 of a [4, 6] weight
        assertThat(r.failureReport()).contains("linear_relu_6x4_batch5_mean_float64").contains("grads.0.weight")
                .contains("1 of 24 elements differ; worst [0, 5]");
    }
}
