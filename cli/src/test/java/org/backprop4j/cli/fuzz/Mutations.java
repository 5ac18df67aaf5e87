package org.backprop4j.cli.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Mutations of seed files, as a coverage-blind fuzzer makes them: bytes flipped, set, deleted,
 * inserted and repeated, the file cut short, and, for text formats, a number or a bracket
 * replaced by a value chosen to hit limits (0, -1, 2^31, 1e999, NaN, a subnormal, ...). Up to
 * four mutations are applied to a seed; jqwik shrinks a failure to fewer and smaller ones.
 */
final class Mutations {
    /** Replacements for a number: the limits readers must check. */
    private static final List<String> VALUES = List.of("0", "-1", "1", "-0", "0.5", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "18446744073709551616", "1e308", "1e999", "-1e999", "1e-320",
            "3.4028236e38", "1e300", "NaN", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "null", "true", "\"\"", "[]",
            "{}", "[1]", "65536", "100000", "20000");
    /** Bytes worth inserting into text: structure, line ends, a NUL, a byte that is not UTF-8, a BOM. */
    private static final List<byte[]> SNIPPETS = List.of(b("\""), b(","), b("\n"), b("\r"), b("\r\n"), new byte[] {0},
            new byte[] {(byte) 0xff}, b("\uFEFF"), b("{"), b("}"), b("["), b("]"), b(":"), b(" "), b("\"\""),
            b("-"), b("e"), b("."), b("9"), b("\\u0000"), b("\\"));
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    /** A whole number standing alone: the widths, shapes, offsets and labels that structure a file. */
    private static final Pattern INTEGER = Pattern.compile("(?<![\\d.eE+-])-?\\d+(?![\\d.eE])");

    private Mutations() {
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    enum Kind {
        FLIP_BIT, SET_BYTE, DELETE, INSERT_SNIPPET, INSERT_RANDOM, REPEAT, TRUNCATE, REPLACE_NUMBER, REPLACE_INTEGER,
        SET_LENGTH
    }

    /** One mutation: what, where (a fraction of the length), how much, and with what. */
    record Mutation(Kind kind, double at, int size, int choice, byte[] random) {
    }

    /**
     * One mutation. Numbers are replaced more often than bytes are changed: a file with one number
     * at a limit is still well-formed, and reaches the checks behind the parser.
     *
     * @param lengthPrefixed whether the files start with a safetensors header length, worth setting directly
     */
    static Arbitrary<Mutation> mutation(boolean lengthPrefixed) {
        List<Tuple.Tuple2<Integer, Kind>> weights = new ArrayList<>();
        for (Kind k : Kind.values()) {
            int weight = switch (k) {
                case REPLACE_INTEGER -> 6;
                case REPLACE_NUMBER -> 3;
                case SET_LENGTH -> lengthPrefixed ? 2 : 0;
                case FLIP_BIT, SET_BYTE, DELETE, INSERT_SNIPPET, INSERT_RANDOM, REPEAT, TRUNCATE -> 1;
            };
            if (weight > 0) {
                weights.add(Tuple.of(weight, k));
            }
        }
        @SuppressWarnings("unchecked")
        Arbitrary<Kind> kinds = Arbitraries.frequency(weights.toArray(new Tuple.Tuple2[0]));
        return Combinators.combine(kinds, Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                .as(Mutation::new);
    }

    /**
     * A list of mutations: mostly one, so that a single well-aimed change is not masked by a
     * second that breaks the parse; sometimes none (the seeds themselves are inputs too), or up to four.
     */
    static Arbitrary<List<Mutation>> mutations(boolean lengthPrefixed) {
        Arbitrary<Integer> count = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(6, 1), Tuple.of(2, 2), Tuple.of(1, 4));
        return count.flatMap(n -> mutation(lengthPrefixed).list().ofSize(n));
    }

    /** Seeds with their mutations applied ({@link #mutations}). */
    static Arbitrary<byte[]> of(List<byte[]> seeds, boolean lengthPrefixed) {
        return Combinators.combine(Arbitraries.of(seeds), mutations(lengthPrefixed)).as(Mutations::apply);
    }

    static byte[] apply(byte[] seed, List<Mutation> mutations) {
        byte[] b = seed.clone();
        for (Mutation m : mutations) {
            b = apply(b, m);
        }
        return b;
    }

    private static byte[] apply(byte[] b, Mutation m) {
        int at = Math.min((int) (m.at() * b.length), Math.max(0, b.length - 1)); // at() may be 1.0
        switch (m.kind()) {
            case FLIP_BIT -> {
                if (b.length > 0) {
                    b[at] ^= (byte) (1 << (m.choice() % 8));
                }
                return b;
            }
            case SET_BYTE -> {
                if (b.length > 0) {
                    b[at] = (byte) m.choice();
                }
                return b;
            }
            case DELETE -> {
                return splice(b, at, Math.min(m.size(), b.length - at), new byte[0]);
            }
            case INSERT_SNIPPET -> {
                return splice(b, at, 0, SNIPPETS.get(m.choice() % SNIPPETS.size()));
            }
            case INSERT_RANDOM -> {
                return splice(b, at, 0, m.random());
            }
            case REPEAT -> {
                int n = Math.min(m.size(), b.length - at);
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + n));
            }
            case TRUNCATE -> {
                return Arrays.copyOf(b, at);
            }
            case REPLACE_NUMBER -> {
                return replace(NUMBER, b, m);
            }
            case REPLACE_INTEGER -> {
                return replace(INTEGER, b, m);
            }
            case SET_LENGTH -> {
                return setLength(b, m);
            }
        }
        throw new IllegalStateException(m.kind().toString());
    }

    /** Replaces the {@code numbers} match nearest {@code at} in the text with one of {@link #VALUES}. */
    private static byte[] replace(Pattern numbers, byte[] b, Mutation m) {
        String text = new String(b, StandardCharsets.ISO_8859_1); // one char per byte: positions stay byte positions
        Matcher matcher = numbers.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(Math.min((int) (m.at() * spans.size()), spans.size() - 1));
        return splice(b, span[0], span[1] - span[0], b(VALUES.get(m.choice() % VALUES.size())));
    }

    /** Sets a safetensors header length: the true one nudged, or a limit. */
    private static byte[] setLength(byte[] b, Mutation m) {
        if (b.length < 8) {
            return b;
        }
        long[] choices = {b.length - 8, b.length - 8 + m.size(), b.length - 8 - m.size(), 0, 1, 7, 100_000_000,
                100_000_001, Long.MAX_VALUE, -1};
        long n = choices[m.choice() % choices.length];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (n >>> (8 * i));
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
