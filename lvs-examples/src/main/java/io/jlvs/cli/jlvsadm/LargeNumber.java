package io.jlvs.cli.jlvsadm;

/**
 * ipvsadm's print_largenum: a counter in a column nine characters wide, shortened with K, M, G, T
 * (powers of 1000, rounded down) once it no longer fits; with --exact the whole number, in a column
 * one wider than the number when it exceeds eight digits. Counters are unsigned 64-bit.
 */
final class LargeNumber {
    private LargeNumber() {}

    static String format(long value, boolean exact) {
        String digits = Long.toUnsignedString(value);
        if (exact) {
            int width = digits.length() <= 8 ? 9 : digits.length() + 1;
            return pad(digits, width);
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0) {
            return pad(digits, 9);
        }
        if (Long.compareUnsigned(value, 1_000_000_000L) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1000L)), 8) + "K";
        }
        if (Long.compareUnsigned(value, 100_000_000_000L) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000L)), 8) + "M";
        }
        if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000L)), 8) + "G";
        }
        return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000_000L)), 8) + "T";
    }

    /** printf("%*llu"): right-aligned in {@code width}, never cut. */
    static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
