package io.jlvs.console;

import java.util.Locale;

/** How the pages write numbers and ages: one place, so the first render and the live updates agree. */
final class Format {
    private static final String[] UNITS = {"", "k", "M", "G", "T", "P", "E"};

    private Format() {
    }

    /** A rate or count with an SI prefix: 950, 1.2k, 34M (the kernel's estimates are whole numbers). */
    static String si(long value) {
        if (value < 0) {
            return Long.toUnsignedString(value);   // the kernel's u64 above Long.MAX_VALUE: never in practice
        }
        if (value < 1000) {
            return Long.toString(value);
        }
        double v = value;
        int unit = 0;
        while (v >= 999.5 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return (v < 9.95 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + UNITS[unit];
    }

    /** Milliseconds before now in words: "never" for -1, "0.4 s ago", "12 s ago", "5 min ago", "3 h ago". */
    static String ago(long millis) {
        if (millis < 0) {
            return "never";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s ago", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h ago";
    }
}
