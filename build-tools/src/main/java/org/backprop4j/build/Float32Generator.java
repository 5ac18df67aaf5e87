package org.backprop4j.build;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a float32 class from its float64 class, as EJML makes its float code from its double
 * code: {@code Float64X.java} is ordinary Java, compiled, tested and read like any other class,
 * and it is the source of truth; {@code Float32X.java} beside it is derived from it word by word
 * and committed. A backend's test calls {@link #check} so that a float32 class edited by hand, or
 * left behind after an edit of its float64 class, fails the build. The rules, all of them:
 * <ol>
 *   <li>Every word (a run of letters, digits and {@code _}, in code and comments alike) that is a
 *       key of {@link #WORDS} becomes its value; a word starting {@code Float64} (a generated
 *       class) starts {@code Float32} instead; a word ending {@code _DDRM} (an EJML class for
 *       {@code DMatrixRMaj}) ends {@code _FDRM} instead. Other words, {@code DoubleLanes} or
 *       {@code long} say, are kept.</li>
 *   <li>The declaration of a method marked {@code @Override}, from that line to the first line
 *       holding <code>{</code> or ending in {@code ;}, is kept as it is: it implements a
 *       dtype-independent interface, whose scalars are {@code double} in both classes.</li>
 *   <li>A first line names the float64 file and says to edit that one.</li>
 * </ol>
 * The float64 class is written to read true for float32 after these substitutions: a scalar
 * rounded to the element type is {@code (double) alpha} (nothing in float64, {@code (float) alpha}
 * in float32), and where float32 needs different code (accumulating in double and rounding once)
 * the float64 class calls a helper overloaded on the element array type, which holds the
 * difference in plain sight. Run from the repository root:
 * <pre>
 * java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java PATH/Float64X.java...
 * </pre>
 */
public final class Float32Generator {
    /** Words replaced wherever they stand as whole words (not {@code DoubleLanes}, {@code inDouble}). */
    static final Map<String, String> WORDS = Map.of(
            "float64", "float32",
            "double", "float",
            "Double", "Float",
            "doubles", "floats",
            "DoubleVector", "FloatVector",
            "DoubleBuffer", "FloatBuffer",
            "doubleToRawLongBits", "floatToRawIntBits",
            "longBitsToDouble", "intBitsToFloat",
            "DMatrixRMaj", "FMatrixRMaj");

    private static final Pattern WORD = Pattern.compile("\\w+");
    private static final String SOURCE_PREFIX = "Float64";
    private static final String TARGET_PREFIX = "Float32";
    private static final String COMMAND = "java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java";

    private Float32Generator() {
    }

    /**
     * The float32 source made from {@code float64Source} by the rules in the class comment.
     *
     * @param float64Source the float64 class's text; not modified
     * @param fileName      its file name, {@code Float64X.java}, for the first line
     */
    public static String generate(String float64Source, String fileName) {
        StringBuilder out = new StringBuilder("// Generated from ").append(fileName)
                .append(" by build-tools' Float32Generator: edit that file, not this one.\n");
        boolean inOverrideDeclaration = false;
        String[] lines = float64Source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (inOverrideDeclaration) {
                out.append(line);
                inOverrideDeclaration = !(stripped.contains("{") || stripped.endsWith(";"));
            } else {
                out.append(substitute(line));
                inOverrideDeclaration = stripped.equals("@Override");
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String substitute(String line) {
        Matcher m = WORD.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(float32Word(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String float32Word(String word) {
        String replacement = WORDS.get(word);
        if (replacement != null) {
            return replacement;
        }
        if (word.startsWith(SOURCE_PREFIX)) {
            return TARGET_PREFIX + word.substring(SOURCE_PREFIX.length());
        }
        if (word.endsWith("_DDRM")) {
            return word.substring(0, word.length() - "_DDRM".length()) + "_FDRM";
        }
        return word;
    }

    /**
     * Where the float32 class of {@code float64Source} lives: beside it, {@code Float64} in its
     * name replaced by {@code Float32}.
     *
     * @throws IllegalArgumentException when the file name does not start {@code Float64} and end
     *                                  {@code .java}
     */
    public static Path float32Path(Path float64Source) {
        String name = float64Source.getFileName().toString();
        if (!name.startsWith(SOURCE_PREFIX) || !name.endsWith(".java")) {
            throw new IllegalArgumentException("float64 source (" + float64Source + ") must be named "
                    + SOURCE_PREFIX + "*.java");
        }
        return float64Source.resolveSibling(TARGET_PREFIX + name.substring(SOURCE_PREFIX.length()));
    }

    /**
     * Checks that the committed float32 class of {@code float64Source} is what {@link #generate}
     * makes of it; reads both files, writes nothing.
     *
     * @throws AssertionError naming both files and the command that regenerates, when the float32
     *                        class is missing or differs
     */
    public static void check(Path float64Source) throws IOException {
        Path float32 = float32Path(float64Source);
        String expected = generate(Files.readString(float64Source), float64Source.getFileName().toString());
        if (!Files.exists(float32) || !Files.readString(float32).equals(expected)) {
            throw new AssertionError(float32 + " is not what " + float64Source + " makes: edit the float64 class, "
                    + "not the float32 one, and regenerate with " + COMMAND + " " + float64Source.toAbsolutePath().normalize());
        }
    }

    /**
     * Writes the float32 class of {@code float64Source}, to a temporary file renamed over the old
     * one, so that a failed write leaves the old class whole.
     *
     * @return whether the class changed
     */
    public static boolean write(Path float64Source) throws IOException {
        Path float32 = float32Path(float64Source);
        String generated = generate(Files.readString(float64Source), float64Source.getFileName().toString());
        if (Files.exists(float32) && Files.readString(float32).equals(generated)) {
            return false;
        }
        Path temporary = Files.createTempFile(float32.toAbsolutePath().getParent(), ".Float32Generator", ".tmp");
        try {
            Files.writeString(temporary, generated);
            Files.move(temporary, float32, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
    }

    /**
     * Writes the float32 class of each float64 source named, printing one line per file.
     *
     * @return 0 when every class was written or already current, 2 for no argument or a file that
     *         is missing or not named {@code Float64*.java}, 1 when a write failed
     */
    static int run(String[] float64Sources, PrintStream out, PrintStream err) {
        if (float64Sources.length == 0) {
            err.println("usage: " + COMMAND + " PATH/Float64X.java...");
            return 2;
        }
        for (String source : float64Sources) {
            Path path = Path.of(source);
            try {
                Path float32 = float32Path(path);
                if (!Files.isRegularFile(path)) {
                    err.println("float64 source (" + path + ") does not exist");
                    return 2;
                }
                out.println((write(path) ? "wrote " : "current ") + float32);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("cannot write the float32 class of " + path + ": " + e);
                return 1;
            }
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
