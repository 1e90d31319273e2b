package io.jlvs.cli.jlvsadm;

import java.util.OptionalLong;

/**
 * Numbers read as ipvsadm reads them with the C library, so that jlvsadm accepts what ipvsadm accepts:
 * string_to_number (strtol base 10, whole word, within bounds) and atoi.
 */
final class CNumbers {
    private CNumbers() {}

    /**
     * ipvsadm's string_to_number: optional leading white space and sign, then decimal digits up to the
     * end of the word; empty if that is not so or the value is outside min..max.
     */
    static OptionalLong toNumber(String s, long min, long max) {
        int i = skipSpace(s, 0);
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits || i != s.length()) {
            return OptionalLong.empty();
        }
        long value;
        try {
            value = Long.parseLong(s.substring(start));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // beyond a long: strtol says ERANGE
        }
        return value >= min && value <= max ? OptionalLong.of(value) : OptionalLong.empty();
    }

    /** atoi: leading white space, sign and digits, stopping at anything else; 0 when there are none. */
    static long atoi(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < s.length() && isDigit(s.charAt(i)) && value < Integer.MAX_VALUE) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
