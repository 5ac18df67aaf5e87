package org.backprop4j.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.api.DType;

/**
 * One source template for the float32 and float64 versions of a class, as EJML makes its float
 * code from its double code: a backend whose library has a type per dtype (EJML's
 * {@code FMatrixRMaj}/{@code DMatrixRMaj}, NIO's {@code FloatBuffer}/{@code DoubleBuffer}) keeps
 * one template, commits the two classes made from it, and tests that they are still what the
 * template makes ({@link #assertCommitted}). It is part of the kit because backends use it in
 * their tests, as they use the kit; {@code backend-ejml} and {@code backend-nd4j} do. The
 * template's syntax:
 * <ul>
 *   <li>a line starting {@code //# } is a comment of the template and is dropped;</li>
 *   <li>{@code //#if float32} (or {@code float64}), {@code //#else} and {@code //#end}, each on a
 *       line of its own, keep the lines between them for one dtype only (no nesting);</li>
 *   <li>every {@code ${Key}} is replaced by the value the caller gives for the dtype; one left
 *       unreplaced is an error.</li>
 * </ul>
 *
 * @param path          the template, relative to the module (for messages and the generated header)
 * @param substitutions what each placeholder becomes, per dtype
 */
public record DTypeTemplate(String path, Map<DType, Map<String, String>> substitutions) {
    /** The system property that makes {@link #assertCommitted} write the generated file before comparing. */
    public static final String REGENERATE = "backprop4j.regenerate";

    /**
     * The Java source for {@code dtype} made from {@code template}, headed by a note naming the
     * template.
     *
     * @throws IllegalArgumentException naming the line of a misplaced directive or of a
     *                                  placeholder left unreplaced
     */
    public String generate(String template, DType dtype) {
        List<String> out = new ArrayList<>();
        out.add("// Generated from " + path + " (see its first lines): edit the template, not this file.");
        Boolean keep = null; // null: outside a block; else whether this branch is for dtype
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String directive = line.strip();
            if (directive.startsWith("//#if ")) {
                if (keep != null) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": nested //#if");
                }
                keep = DType.parse(directive.substring("//#if ".length()).strip()) == dtype;
            } else if (directive.equals("//#else")) {
                if (keep == null) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": //#else outside //#if");
                }
                keep = !keep;
            } else if (directive.equals("//#end")) {
                if (keep == null) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": //#end outside //#if");
                }
                keep = null;
            } else if (!directive.startsWith("//# ") && !directive.equals("//#") && (keep == null || keep)) {
                String text = line;
                for (Map.Entry<String, String> e : substitutions.get(dtype).entrySet()) {
                    text = text.replace("${" + e.getKey() + "}", e.getValue());
                }
                if (text.contains("${")) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": unknown placeholder in '" + line + "'");
                }
                out.add(text);
            }
        }
        if (keep != null) {
            throw new IllegalArgumentException(path + ": //#if without //#end");
        }
        return String.join("\n", out);
    }

    /**
     * Checks that the committed class for {@code dtype}, {@code <sourceDir>/<Name>.java} (its
     * {@code Name} substitution), is what this template makes. With
     * {@code -D}{@value #REGENERATE}{@code =true} it first writes the class. Paths are relative to
     * the module, the working directory of its tests.
     *
     * @throws AssertionError naming the file, the template and how to regenerate, when they differ
     */
    public void assertCommitted(String sourceDir, DType dtype) throws IOException {
        Path source = Path.of(sourceDir, substitutions.get(dtype).get("Name") + ".java");
        String generated = generate(Files.readString(Path.of(path)), dtype);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(source, generated);
        }
        if (!Files.readString(source).equals(generated)) {
            throw new AssertionError(source + " is not what " + path + " makes: edit the template, not the class, "
                    + "and regenerate with -D" + REGENERATE + "=true (see the template's first lines)");
        }
    }
}
