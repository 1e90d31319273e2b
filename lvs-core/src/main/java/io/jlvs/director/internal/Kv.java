package io.jlvs.director.internal;

/**
 * Structured log lines: {@code key=value} pairs, values quoted when they hold spaces, quotes or '='
 * so that a line splits back into the same pairs (logfmt).
 */
public final class Kv {
    private Kv() {
    }

    /** {@code pairs} alternate key, value; a null value prints as {@code -}. */
    public static String line(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("key=value pairs need an even number of arguments, got " + pairs.length);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pairs[i]).append('=').append(value(pairs[i + 1]));
        }
        return sb.toString();
    }

    static String value(Object v) {
        String s = v == null ? "-" : v.toString();
        if (!s.isEmpty() && s.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t')) {
            return s;
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
