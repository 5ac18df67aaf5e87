package org.backprop4j.cli.data;

import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.backprop4j.nn.io.NonFiniteValues;

/**
 * The numbers a CSV cell may hold: decimals as Java, Python and spreadsheets write them
 * ({@code -1}, {@code 2.5}, {@code .5}, {@code 1e-3}), within the range of a double. Not what
 * else {@link Double#parseDouble} takes ({@code 0x1p3}, {@code 1d}, {@code Infinity}). NaN and
 * infinities only when the caller allows them ({@link NonFiniteValues#ALLOW}), written as
 * pandas and Java write them: {@code nan}, {@code inf}, {@code -inf}, {@code Infinity}, any case.
 */
public final class CsvNumbers {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvNumbers() {
    }

    /**
     * The number {@code text} holds.
     *
     * @param nonFinite whether NaN, infinities and decimals beyond a double's range are accepted
     * @param where     names the cell in errors, {@code FILE line L, column C (NAME)}; asked only on an error
     * @throws CsvInputException for an empty cell, text that is not a number, or a non-finite one
     *                           that is not allowed
     */
    public static double parse(String text, NonFiniteValues nonFinite, Supplier<String> where) {
        if (text.isEmpty()) {
            throw new CsvInputException(where.get() + ": missing value; expected a number");
        }
        if (NUMBER.matcher(text).matches()) {
            double v = Double.parseDouble(text);
            if (Double.isInfinite(v) && nonFinite == NonFiniteValues.REFUSE) {
                throw new CsvInputException(where.get() + ": '" + text + "' is too large for a double");
            }
            return v;
        }
        boolean nan = NOT_A_NUMBER.matcher(text).matches();
        boolean infinity = INFINITY.matcher(text).matches();
        if (!nan && !infinity) {
            throw new CsvInputException(where.get() + ": '" + text + "' is not a number");
        }
        if (nonFinite == NonFiniteValues.REFUSE) {
            throw new CsvInputException(where.get() + ": '" + text + "' is not a finite number");
        }
        if (nan) {
            return Double.NaN;
        }
        return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
