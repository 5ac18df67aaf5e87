package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.junit.jupiter.api.Test;

/**
 * The layer and loss types the codec knows are exactly those of the case-format contract
 * ({@code docs/case-format.md}, the repository's copy of {@code shared/specs/case-format.md}): a
 * type added to the code but not to the contract, or the other way round, fails here.
 */
class CaseFormatDocumentTest {
    private static final Path SPEC = Path.of("..", "docs", "case-format.md");

    /** The {@code "type"} names in the section that starts with {@code heading}, up to the next section. */
    private static Set<String> types(String heading) throws IOException {
        String text = Files.readString(SPEC);
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in " + SPEC).isNotNegative();
        int end = text.indexOf("\n## ", start + heading.length() + 1);
        Matcher m = Pattern.compile("\\{\"type\": \"([a-z_0-9]+)\"").matcher(text.substring(start, end < 0 ? text.length() : end));
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyLayerTypeOfTheContractAndNoOther() throws IOException {
        assertThat(LayerSpec.typeNames()).containsExactlyInAnyOrderElementsOf(types("## Layers"));
    }

    @Test
    void everyLossTypeOfTheContractAndNoOther() throws IOException {
        assertThat(Arrays.stream(LossSpec.Type.values()).map(LossSpec.Type::id).toList())
                .containsExactlyInAnyOrderElementsOf(types("## Losses"));
    }
}
