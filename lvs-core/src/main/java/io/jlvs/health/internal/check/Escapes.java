package io.jlvs.health.internal.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * C-like escapes in send/expect strings, as Piranha's nanny reads them: {@code \r \n \t \0 \\}
 * and {@code \xHH} (exactly two hex digits, one byte). Other characters are sent as UTF-8.
 */
public final class Escapes {
    private Escapes() {}

    /** The bytes {@code text} stands for; IllegalArgumentException names a bad escape and where. */
    public static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone backslash ends '" + text + "' (write \\\\ for one)");
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    if (i + 3 >= text.length()) {
                        throw new IllegalArgumentException("\\x at index " + i + " of '" + text
                                + "' needs two hex digits");
                    }
                    int hi = Character.digit(text.charAt(i + 2), 16);
                    int lo = Character.digit(text.charAt(i + 3), 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("\\x at index " + i + " of '" + text
                                + "' needs two hex digits");
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " at index " + i
                        + " of '" + text + "' (known: \\r \\n \\t \\0 \\\\ \\xHH)");
            }
            i += 2;
        }
        return out.toByteArray();
    }

    /** {@code bytes} as printable text for a reason string: escapes for control bytes, at most {@code max} bytes. */
    public static String preview(byte[] bytes, int length, int max) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(length, max);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7F) {
                        sb.append(String.format("\\x%02x", b));
                    } else {
                        sb.append((char) b);
                    }
                }
            }
        }
        if (length > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
