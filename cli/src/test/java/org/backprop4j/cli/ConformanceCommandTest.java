package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.conformance.Cases;
import org.backprop4j.conformance.ConformanceKit;
import org.backprop4j.conformance.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j conformance} on temporary case directories, on the naive backend. */
class ConformanceCommandTest {
    /** The finite-difference networks per backend: the kit's fixed ones, then its random ones. */
    private static final int GRADCHECK_NETWORKS = RandomNetworks.gradcheckCoverage(0).size()
            + ConformanceKit.FINITE_DIFFERENCE_TRIES;

    private static final List<String> CASES = List.of("layers/linear_relu_6x4_batch5_mean_float64.json",
            "layers/linear_relu_6x4_batch5_mean_float32.json", "shapes/linear_1x1_batch1_mean_float64.json",
            "train/train_adam_lr0p01_3x5x2_tanh_batch6_mean_float64.json");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Copies a few built-in cases, as PyTorch wrote them, into {@code dir}. */
    private static void copyCases(Path dir) throws IOException {
        for (String c : CASES) {
            Path target = dir.resolve(c);
            Files.createDirectories(target.getParent());
            try (InputStream in = Cases.class.getClassLoader().getResourceAsStream(Cases.BUILT_IN_RESOURCE + "/" + c)) {
                Files.copy(in, target);
            }
        }
    }

    /** Adds 1e-4 to element 5 of the expected gradient of 0.weight in {@code file}. */
    private static void alterGradient(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ArrayNode data = (ArrayNode) root.get("expected").get("grads").get("0.weight").get("data");
        data.set(5, data.get(5).doubleValue() + 1e-4);
        json.writeValue(file.toFile(), root);
    }

    @Test
    void theBuiltInCasesPassOnNaive() {
        assertThat(run("conformance", "--backend", "naive")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("conformance: 368 cases (built-in), dtype float32, float64; checks: "
                        + "PyTorch cases, finite differences, agreement with naive, op contract")
                .containsPattern("naive\\s+PyTorch cases\\s+368\\s+0\\s+0\\s+0\\.\\d+")
                .containsPattern("naive\\s+finite differences\\s+" + GRADCHECK_NETWORKS + "\\s+0\\s+0\\s+\\d")
                .containsPattern("naive\\s+op contract\\s+[1-9]\\d+\\s+0\\s+0\\s+\\d")
                .doesNotContainPattern("naive\\s+agreement") // naive is the reference
                .contains("PASSED: every check on naive").doesNotContain("failures:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dtypeSelectsTheCases() {
        assertThat(run("conformance", "--backend", "naive", "--dtype", "float32")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("184 cases (built-in), dtype float32").containsPattern("naive\\s+PyTorch cases\\s+184\\s+0")
                .doesNotContain("finite differences  "); // float64 only
    }

    @Test
    void aDirectoryOfValidCasesPasses(@TempDir Path dir) throws IOException {
        copyCases(dir);
        assertThat(run("conformance", "--cases", dir.toString(), "--backend", "naive")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("4 cases (" + dir + ")").containsPattern("naive\\s+PyTorch cases\\s+4\\s+0\\s+0");
    }

    @Test
    void oneAlteredGradientFailsNamingTheCaseTheQuantityAndTheElement(@TempDir Path dir) throws IOException {
        copyCases(dir);
        alterGradient(dir.resolve(CASES.get(0)));
        assertThat(run("conformance", "--cases", dir.toString(), "--backend", "all")).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).containsPattern("naive\\s+PyTorch cases\\s+3\\s+1\\s+0")
                .contains("failures:")
                .contains("linear_relu_6x4_batch5_mean_float64 [float64] on naive: grads.0.weight [4, 6]: "
                        + "1 of 24 elements differ; worst [0, 5]: actual ")
                .containsPattern("FAILED: [1-9]\\d* of \\d+ runs \\(cases and networks\\)");
    }

    @Test
    void aMalformedCaseIsAFailureNamedWithItsProblemAndTheOthersStillRun(@TempDir Path dir) throws IOException {
        copyCases(dir);
        Path bad = dir.resolve("bad/broken.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, Files.readString(dir.resolve(CASES.get(2))).replace("\"relu\"", "\"gelu\"")
                .replace("\"name\": \"", "\"name\": \"x").replace("\"dtype\": \"float64\"", "\"dtype\": \"half\""));
        assertThat(run("conformance", "--cases", dir.toString(), "--backend", "naive")).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).containsPattern("naive\\s+PyTorch cases\\s+4\\s+1\\s+0\\s+0\\.\\d+")
                .contains(bad + " on naive: format: $.dtype: is \"half\"; expected \"float32\" or \"float64\"");
    }

    @Test
    void writesJsonAndMarkdownReports(@TempDir Path dir) throws IOException {
        copyCases(dir.resolve("cases"));
        alterGradient(dir.resolve("cases").resolve(CASES.get(0)));
        Path md = dir.resolve("out/report.md");
        assertThat(run("conformance", "--cases", dir.resolve("cases").toString(), "--backend", "naive",
                "--report", md.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("report: " + md).contains("report: " + dir.resolve("out/report.json"));
        assertThat(Files.readString(md)).contains("| naive |").contains("| PyTorch cases | 3 | 1 | 0 |")
                .contains("| finite differences | " + GRADCHECK_NETWORKS + " | 0 | 0 |")
                .contains("| linear_relu_6x4_batch5_mean_float64 [float64] | naive | grads.0.weight | 1 of 24 | [0, 5] |");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("backprop4j.conformance-report/1");
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("checks")).extracting(JsonNode::asText).containsExactly("pytorch", "gradcheck", "agreement",
                "ops");
        assertThat(json.get("backends").get(0).get("check").asText()).isEqualTo("pytorch");
        assertThat(json.get("backends").get(0).get("failed").asInt()).isEqualTo(1);
        assertThat(json.get("backends").get(1).get("check").asText()).isEqualTo("gradcheck");
        assertThat(json.get("results").get(4).get("check").asText()).isEqualTo("gradcheck");
        assertThat(json.get("results").get(4).get("case").asText()).startsWith("gradcheck linear(3, 4) identity");
        JsonNode failed = json.get("results").get(1); // after its float32 twin, in order of path
        assertThat(failed.get("check").asText()).isEqualTo("pytorch");
        assertThat(failed.get("case").asText()).isEqualTo("linear_relu_6x4_batch5_mean_float64");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        JsonNode weight = failed.get("quantities").get(3);
        assertThat(weight.get("quantity").asText()).isEqualTo("grads.0.weight");
        assertThat(weight.get("mismatches").asInt()).isEqualTo(1);
        assertThat(weight.get("worstElement").asText()).isEqualTo("[0, 5]");

        Path plain = dir.resolve("report.json");
        assertThat(run("conformance", "--cases", dir.resolve("cases").toString(), "--backend", "naive",
                "--dtype", "float32", "--report", plain.toString())).isEqualTo(ExitCodes.OK);
        assertThat(new ObjectMapper().readTree(plain.toFile()).get("passed").asBoolean()).isTrue();
    }

    @Test
    void anotherBackendRunsTheAgreementCheckAgainstNaive() {
        assertThat(run("conformance", "--backend", "ejml", "--checks", "agreement,gradcheck")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("conformance: dtype float32, float64; checks: finite differences, "
                        + "agreement with naive")
                .containsPattern("ejml\\s+finite differences\\s+" + GRADCHECK_NETWORKS + "\\s+0\\s+0")
                .containsPattern("ejml\\s+agreement with naive\\s+80\\s+0\\s+0")
                .doesNotContain("PyTorch cases");
    }

    @Test
    void checksThatAreUnknownOrLeaveNothingToRunAreUnusableInput(@TempDir Path dir) {
        assertThat(run("conformance", "--checks", "pytorch,fast")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("backprop4j: --checks 'pytorch,fast': 'fast' is not a check; allowed: "
                + "all, or a comma-separated list of pytorch, gradcheck, agreement, ops" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run("conformance", "--backend", "naive", "--checks", "agreement")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("backprop4j: nothing to run: --checks 'agreement' with --dtype 'all' "
                + "on naive (");
        err.getBuffer().setLength(0);
        assertThat(run("conformance", "--cases", dir.toString(), "--checks", "gradcheck")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--cases needs the pytorch check; --checks is 'gradcheck'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsUnusableInput(@TempDir Path dir) {
        assertThat(run("conformance", "--cases", dir.resolve("nope").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("backprop4j: case directory '" + dir.resolve("nope")
                + "' does not exist" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEmptyDirectoryIsUnusableInput(@TempDir Path dir) {
        assertThat(run("conformance", "--cases", dir.toString(), "--backend", "naive")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("holds no *.json case files");
    }

    @Test
    void theBackendSettingFollowsTheSamePrecedenceAsEveryCommand() {
        System.setProperty("backprop4j.backend", "nope");
        try {
            assertThat(run("conformance", "--checks", "gradcheck")).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).startsWith("backprop4j: backend 'nope' (system property backprop4j.backend) is "
                    + "unknown; discovered backends: ").contains("naive [available").doesNotContain("\tat ");
            assertThat(out.toString()).isEmpty();
            System.setProperty("backprop4j.backend", "Naive");
            assertThat(run("conformance", "--checks", "gradcheck")).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).containsPattern("naive\\s+finite differences").doesNotContain("ejml");
            out.getBuffer().setLength(0);
            assertThat(run("conformance", "--checks", "gradcheck", "--backend", "ejml")).as("the option wins")
                    .isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).containsPattern("ejml\\s+finite differences").doesNotContain("naive ");
        } finally {
            System.clearProperty("backprop4j.backend");
        }
    }

    @Test
    void theOpContractIsAFourthCheckWithARowOfItsOwn() {
        assertThat(run("conformance", "--backend", "ejml", "--checks", "ops", "--dtype", "float32")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("checks: op contract")
                .containsPattern("ejml\\s+op contract\\s+[1-9]\\d+\\s+0\\s+\\d+\\s+\\d")
                .doesNotContain("PyTorch cases").contains("PASSED: every check on ejml");
    }

    @Test
    void aListOfBackendsRunsEachInTheOrderGiven() {
        assertThat(run("conformance", "--checks", "gradcheck", "--backend", "naive, EJML,naive")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("(?s)naive\\s+finite differences.*ejml\\s+finite differences")
                .contains("PASSED: every check on naive, ejml");
    }

    @Test
    void anUnknownBackendOrDtypeIsUnusableInput() {
        assertThat(run("conformance", "--backend", "nosuch")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("backprop4j: backend 'nosuch' (named explicitly: --backend or in code) "
                + "is unknown;").doesNotContain("\tat ");
        assertThat(run("conformance", "--dtype", "float16")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--dtype 'float16' is not supported; allowed: float32, float64, all");
    }
}
